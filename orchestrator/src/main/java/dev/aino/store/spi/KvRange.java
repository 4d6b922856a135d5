package dev.aino.store.spi;

import java.util.List;

/**
 * A consistent read of a key range.
 *
 * @param entries in key order
 * @param revision the store revision the read saw
 */
public record KvRange(List<KvEntry> entries, long revision) {}

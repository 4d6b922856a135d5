package dev.aino.store.sqlite;

/** Turns a key prefix into a half-open key range, so prefix reads are primary-key range scans. */
final class KeyRanges {
  private KeyRanges() {}

  /**
   * The least string greater than every string that starts with {@code prefix}, in code point order
   * (which is SQLite's binary order of UTF-8 text), or null when no such string exists (the empty
   * prefix, or one made only of the greatest code point).
   */
  static String upperBound(String prefix) {
    int end = prefix.length();
    while (end > 0) {
      int last = prefix.codePointBefore(end);
      int width = Character.charCount(last);
      if (last < Character.MAX_CODE_POINT) {
        int next = last + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
          next = Character.MAX_SURROGATE + 1; // surrogates are not characters; skip them
        }
        return prefix.substring(0, end - width) + new String(Character.toChars(next));
      }
      end -= width;
    }
    return null;
  }
}

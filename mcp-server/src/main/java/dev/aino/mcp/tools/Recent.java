package dev.aino.mcp.tools;

import dev.aino.mcp.tools.Views.EventView;
import dev.aino.model.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** The last few events or items of a list: what fits in a detail view. */
final class Recent {
  static final int EVENTS = 10;
  static final int ITEMS = 20;

  private Recent() {}

  /** The latest {@code n} events, newest first (the facade lists oldest first). */
  static List<EventView> events(List<Event> oldestFirst, int n) {
    List<Event> copy = new ArrayList<>(oldestFirst);
    Collections.reverse(copy);
    return copy.stream().limit(n).map(EventView::of).collect(Collectors.toList());
  }
}

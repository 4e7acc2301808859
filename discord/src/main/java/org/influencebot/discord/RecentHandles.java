package org.influencebot.discord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The handles looked up most recently, newest first, for autocomplete. Bounded: the oldest are
 * forgotten. Shared by every shard and safe to use from any thread.
 */
final class RecentHandles {
  /** Discord shows at most 25 autocomplete choices. */
  static final int MAX_CHOICES = 25;
  /** Discord's limit on a choice's name and value. */
  static final int MAX_CHOICE_LENGTH = 100;

  private final int capacity;
  private final LinkedHashMap<String, String> byKey = new LinkedHashMap<>(16, 0.75f, true);

  RecentHandles(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Remembers {@code handle} (as a user would type it) as the newest. */
  synchronized void add(String handle) {
    if (handle.isEmpty() || handle.length() > MAX_CHOICE_LENGTH) {
      return;
    }
    byKey.put(handle.toLowerCase(Locale.ROOT), handle);
    if (byKey.size() > capacity) {
      Iterator<Map.Entry<String, String>> eldest = byKey.entrySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** Up to {@link #MAX_CHOICES} handles containing {@code typed} (ignoring case and a leading @), newest first. */
  synchronized List<String> matching(String typed) {
    String needle = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    if (needle.startsWith("@")) {
      needle = needle.substring(1);
    }
    List<String> all = new ArrayList<>(byKey.values());
    List<String> out = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && out.size() < MAX_CHOICES; i--) {
      String h = all.get(i);
      if (h.toLowerCase(Locale.ROOT).contains(needle)) {
        out.add(h);
      }
    }
    return out;
  }
}

package org.influencebot.core.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The handles looked up most recently in each chat or server, newest first, for autocomplete: a
 * handle looked up in one server is never suggested in another, one looked up in a private chat only
 * to that member, and a reply given privately suggests nothing. Bounded per scope and in scopes;
 * safe to use from any thread.
 */
public final class RecentHandles {
  /** Discord shows at most 25 autocomplete choices. */
  public static final int MAX_CHOICES = 25;
  /** Discord's limit on a choice's name and value. */
  public static final int MAX_CHOICE_LENGTH = 100;
  private static final int MAX_SCOPES = 10_000;

  private final int capacity;
  private final Cache<String, Scoped> byScope = Caffeine.newBuilder().maximumSize(MAX_SCOPES).build();

  public RecentHandles(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Remembers {@code handle} (as a user would type it) as the newest in {@code scope}. */
  public void add(String scope, String handle) {
    if (handle.isEmpty() || handle.length() > MAX_CHOICE_LENGTH) {
      return;
    }
    byScope.get(scope, s -> new Scoped()).add(handle, capacity);
  }

  /** Up to {@link #MAX_CHOICES} handles of {@code scope} containing {@code typed} (ignoring case and a leading @), newest first. */
  public List<String> matching(String scope, String typed) {
    Scoped scoped = byScope.getIfPresent(scope);
    return scoped == null ? List.of() : scoped.matching(typed);
  }

  private static final class Scoped {
    private final LinkedHashMap<String, String> byKey = new LinkedHashMap<>(16, 0.75f, true);

    synchronized void add(String handle, int capacity) {
      byKey.put(handle.toLowerCase(Locale.ROOT), handle);
      if (byKey.size() > capacity) {
        Iterator<Map.Entry<String, String>> eldest = byKey.entrySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }

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
}

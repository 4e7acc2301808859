package org.influencebot.store;

import java.util.Locale;

/** Where a member or a scope lives. Stored as its lower-case name. */
public enum Platform {
  DISCORD,
  TELEGRAM,
  CONSOLE;

  String storedName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Platform fromStoredName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}

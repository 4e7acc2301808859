package org.influencebot.core.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings a moderator can change, by the names they type ({@code /settings cooldown 30}).
 *
 * <p>Each key turns what was typed into one canonical text, which is what the table and the audit
 * log hold, and turns that text back into a field of {@link ScopeSettings}. Reading is lenient (a
 * value that a later version stopped accepting falls back to the default); writing is strict.
 */
public enum SettingKey {
  LANGUAGE("language") {
    @Override
    String canonical(String typed, SettingRules rules) {
      return switch (lower(typed)) {
        case "en", "english", "anglais" -> "en";
        case "fr", "french", "français", "francais" -> "fr";
        case "auto", "default", "user" -> "auto";
        default -> throw invalid(typed, validValues(rules));
      };
    }

    @Override
    String validValues(SettingRules rules) {
      return "en, fr or auto (follow each user's language)";
    }

    @Override
    public ScopeSettings apply(ScopeSettings settings, String canonical, SettingRules rules) {
      return switch (canonical) {
        case "en", "fr" -> settings.withLanguage(Optional.of(Locale.forLanguageTag(canonical)));
        default -> settings.withLanguage(Optional.empty());
      };
    }

    @Override
    public String current(ScopeSettings settings) {
      return settings.language().map(Locale::getLanguage).orElse("auto");
    }
  },

  PRIVATE_REPLIES("private-replies") {
    @Override
    String canonical(String typed, SettingRules rules) {
      return switch (lower(typed)) {
        case "on", "true", "yes", "1", "oui" -> "on";
        case "off", "false", "no", "0", "non" -> "off";
        default -> throw invalid(typed, validValues(rules));
      };
    }

    @Override
    String validValues(SettingRules rules) {
      return "on or off";
    }

    @Override
    public ScopeSettings apply(ScopeSettings settings, String canonical, SettingRules rules) {
      return settings.withPrivateReplies(canonical.equals("on"));
    }

    @Override
    public String current(ScopeSettings settings) {
      return settings.privateReplies() ? "on" : "off";
    }
  },

  CHANNELS("channels") {
    private final Pattern channelId = Pattern.compile("-?[0-9]{1,20}");
    private final Pattern mention = Pattern.compile("<#([0-9]{1,20})>");

    @Override
    String canonical(String typed, SettingRules rules) {
      String all = lower(typed);
      if (all.equals("everywhere") || all.equals("all") || all.equals("*")) {
        return "everywhere";
      }
      TreeSet<String> ids = new TreeSet<>();
      for (String part : items(typed)) {
        var m = mention.matcher(part);
        String id = m.matches() ? m.group(1) : part;
        if (!channelId.matcher(id).matches()) {
          throw invalid(part, validValues(rules));
        }
        ids.add(id);
      }
      if (ids.isEmpty()) {
        throw invalid(typed, validValues(rules));
      }
      if (ids.size() > 100) {
        throw new InvalidSettingException(
            "channels takes at most 100 channel ids; " + ids.size() + " were given.", key, validValues(rules));
      }
      return String.join(",", ids);
    }

    @Override
    String validValues(SettingRules rules) {
      return "channel or chat ids (numbers or #channel mentions) separated by commas, or everywhere";
    }

    @Override
    public ScopeSettings apply(ScopeSettings settings, String canonical, SettingRules rules) {
      return settings.withAnswerChannels(canonical.equals("everywhere") ? Set.of() : Set.copyOf(items(canonical)));
    }

    @Override
    public String current(ScopeSettings settings) {
      return settings.answerChannels().isEmpty() ? "everywhere" : String.join(",", new TreeSet<>(settings.answerChannels()));
    }
  },

  COOLDOWN("cooldown") {
    private final Pattern seconds = Pattern.compile("([0-9]{1,9})\\s*(s|sec|secs|second|seconds)?");

    @Override
    String canonical(String typed, SettingRules rules) {
      var m = seconds.matcher(lower(typed));
      if (!m.matches()) {
        throw invalid(typed, validValues(rules));
      }
      long value = Long.parseLong(m.group(1));
      if (value > rules.maxCooldown().toSeconds()) {
        throw invalid(typed, validValues(rules));
      }
      return Long.toString(value);
    }

    @Override
    String validValues(SettingRules rules) {
      return "a whole number of seconds from 0 to " + rules.maxCooldown().toSeconds();
    }

    @Override
    public ScopeSettings apply(ScopeSettings settings, String canonical, SettingRules rules) {
      long value = Long.parseLong(canonical);
      return value <= rules.maxCooldown().toSeconds() ? settings.withCooldown(Duration.ofSeconds(value)) : settings;
    }

    @Override
    public String current(ScopeSettings settings) {
      return Long.toString(settings.cooldown().toSeconds());
    }
  },

  NETWORK("network") {
    @Override
    String canonical(String typed, SettingRules rules) {
      return oneOfNames(typed, rules.networks());
    }

    @Override
    String validValues(SettingRules rules) {
      return oneOf(rules.networks());
    }

    @Override
    public ScopeSettings apply(ScopeSettings settings, String canonical, SettingRules rules) {
      return rules.networks().contains(canonical) ? settings.withDefaultNetwork(canonical) : settings;
    }

    @Override
    public String current(ScopeSettings settings) {
      return settings.defaultNetwork();
    }
  },

  COMMANDS("commands") {
    @Override
    String canonical(String typed, SettingRules rules) {
      if (lower(typed).equals("all")) {
        return "all";
      }
      TreeSet<String> names = new TreeSet<>();
      for (String part : items(typed)) {
        String name = lower(part.startsWith("/") ? part.substring(1) : part);
        if (!rules.commands().contains(name)) {
          throw invalid(part, validValues(rules));
        }
        names.add(name);
      }
      if (names.isEmpty()) {
        throw invalid(typed, validValues(rules));
      }
      return String.join(",", names);
    }

    @Override
    String validValues(SettingRules rules) {
      return "all, or command names separated by commas among " + String.join(", ", new TreeSet<>(rules.commands()));
    }

    @Override
    public ScopeSettings apply(ScopeSettings settings, String canonical, SettingRules rules) {
      if (canonical.equals("all")) {
        return settings.withEnabledCommands(rules.commands());
      }
      // A command that this version no longer has is dropped rather than refused.
      Set<String> known = items(canonical).stream().filter(rules.commands()::contains).collect(Collectors.toSet());
      return settings.withEnabledCommands(known);
    }

    @Override
    public String current(ScopeSettings settings) {
      return String.join(",", new TreeSet<>(settings.enabledCommands()));
    }
  };

  final String key;

  SettingKey(String key) {
    this.key = key;
  }

  /** The name a moderator types. */
  public String key() {
    return key;
  }

  /** The setting a moderator named, ignoring case and {@code _} for {@code -}. */
  public static SettingKey named(String typed) {
    String wanted = typed == null ? "" : lower(typed).replace('_', '-');
    return Arrays.stream(values())
        .filter(k -> k.key.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new InvalidSettingException(
            "Unknown setting \"" + (typed == null ? "" : typed.strip()) + "\": the settings are " + allKeys() + ".",
            typed == null ? "" : typed.strip(),
            allKeys()));
  }

  /** Every key, in the order of this enum, for help texts. */
  public static String allKeys() {
    return Arrays.stream(values()).map(SettingKey::key).collect(Collectors.joining(", "));
  }

  /** The canonical text of a typed value; throws {@link InvalidSettingException} when it is not valid. */
  abstract String canonical(String typed, SettingRules rules);

  /** The accepted values, as a readable phrase. */
  abstract String validValues(SettingRules rules);

  /** The settings with this key's canonical value in force (a value this version no longer takes leaves them). */
  public abstract ScopeSettings apply(ScopeSettings settings, String canonical, SettingRules rules);

  /** The canonical text of the value in force. */
  public abstract String current(ScopeSettings settings);

  /** Validates a typed value; the canonical text it would be stored as. */
  public String check(String typed, SettingRules rules) {
    if (typed == null || typed.isBlank()) {
      throw new InvalidSettingException(
          "The setting " + key + " needs a value: " + validValues(rules) + ".", key, validValues(rules));
    }
    return canonical(typed.strip(), rules);
  }

  /** The typed name in lower case when it is one of {@code allowed}; refused with the list otherwise. */
  String oneOfNames(String typed, Set<String> allowed) {
    String value = lower(typed);
    if (!allowed.contains(value)) {
      throw invalid(typed, oneOf(allowed));
    }
    return value;
  }

  InvalidSettingException invalid(String typed, String validValues) {
    return new InvalidSettingException(
        "\"" + typed.strip() + "\" is not a valid value for " + key + ": use " + validValues + ".", key, validValues);
  }

  private static String lower(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }

  private static java.util.List<String> items(String text) {
    return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String oneOf(Set<String> values) {
    return String.join(", ", new TreeSet<>(values));
  }
}

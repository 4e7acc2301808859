package org.influencebot.core.text;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user-facing sentence, in English and French, from {@code messages*.properties}. Unknown
 * locales fall back to English.
 */
public final class Messages {
  public static final String BUNDLE = "org.influencebot.core.text.messages";
  public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

  private final Locale locale;
  private final ResourceBundle bundle;
  /** The platform whose own wording wins where the bundle has one ({@code discord.link.done} over {@code link.done}). */
  private final String dialect;
  /**
   * Patterns already parsed, shared by every dialect of one language: parsing a pattern (and the number
   * formats inside it) cost more than the rest of a reply's rendering. A {@code MessageFormat} is not
   * thread-safe, so each is used under its own lock (formatting one takes microseconds).
   */
  private final Map<String, Parsed> parsed;

  /**
   * A parsed pattern. {@code plain}: no argument has a format of its own ({@code {0}}, never {@code {0,choice,…}}),
   * so a number argument is formatted as {@code MessageFormat} would, by {@code NumberFormat.getInstance(locale)},
   * but with this pattern's one instance ({@code numbers}): {@code MessageFormat} makes a new one (a
   * {@code DecimalFormat} and its symbols) for every number of every sentence, the costliest part of a reply's
   * text under a burst (docs/performance.md, "Bursts against a separate Discord"). Used under the format's lock.
   */
  private record Parsed(MessageFormat format, boolean plain, java.text.NumberFormat numbers) {
    static Parsed of(String pattern, Locale locale) {
      MessageFormat format = new MessageFormat(pattern, locale);
      boolean plain = java.util.Arrays.stream(format.getFormats()).allMatch(java.util.Objects::isNull);
      return new Parsed(format, plain, plain ? java.text.NumberFormat.getInstance(locale) : null);
    }
  }
  private final java.text.NumberFormat integers;

  private Messages(Locale locale) {
    this(locale, ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
        ResourceBundle.Control.FORMAT_PROPERTIES)), "", new ConcurrentHashMap<>(),
        java.text.NumberFormat.getIntegerInstance(locale));
  }

  private Messages(Locale locale, ResourceBundle bundle, String dialect, Map<String, Parsed> parsed,
      java.text.NumberFormat integers) {
    this.locale = locale;
    this.bundle = bundle;
    this.dialect = dialect;
    this.parsed = parsed;
    this.integers = integers;
  }

  /**
   * These messages as {@code platform} words them: a key {@code platform.KEY} in the bundle replaces
   * {@code KEY} (a command is {@code /influence-link} on Discord, {@code /link} elsewhere), so the core
   * names one sentence and each platform may say it its own way.
   */
  public Messages dialect(String platform) {
    return new Messages(locale, bundle, platform + ".", parsed, integers);
  }

  /** The same dialect in another language. */
  public Messages in(Locale other) {
    Messages base = forLocale(other);
    return dialect.isEmpty() ? base : new Messages(base.locale, base.bundle, dialect, base.parsed, base.integers);
  }

  private static final Messages ENGLISH = new Messages(Locale.ENGLISH);
  private static final Messages FRENCH = new Messages(Locale.FRENCH);

  /** Messages for a platform locale tag such as {@code fr}, {@code fr-FR} or {@code en-US}; English otherwise. */
  public static Messages forLocale(Locale locale) {
    return locale != null && "fr".equals(locale.getLanguage()) ? FRENCH : ENGLISH;
  }

  public static Messages forTag(String languageTag) {
    return languageTag == null ? ENGLISH : forLocale(Locale.forLanguageTag(languageTag.replace('_', '-')));
  }

  public static Messages english() {
    return ENGLISH;
  }

  public Locale locale() {
    return locale;
  }

  /** The platform whose wording wins ({@link #dialect(String)}), or an empty string for the common wording. */
  public String dialectName() {
    return dialect.isEmpty() ? "" : dialect.substring(0, dialect.length() - 1);
  }

  public String get(String key, Object... args) {
    return format(new Text(key, List.of(args)));
  }

  public String format(Text text) {
    String pattern;
    try {
      String own = dialect + text.key();
      pattern = bundle.getString(!dialect.isEmpty() && bundle.containsKey(own) ? own : text.key());
    } catch (MissingResourceException e) {
      // A missing key is a bug caught by MessagesTest; never fail a user's reply for it.
      return text.key();
    }
    if (text.args().isEmpty()) {
      return pattern.replace("''", "'");
    }
    Object[] args = new Object[text.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = localize(text.args().get(i));
    }
    Parsed p = parsed.computeIfAbsent(pattern, k -> Parsed.of(k, locale));
    synchronized (p.format()) {
      if (p.plain()) {
        for (int i = 0; i < args.length; i++) {
          if (args[i] instanceof Number) {
            args[i] = p.numbers().format(args[i]);
          }
        }
      }
      return p.format().format(args);
    }
  }

  private Object localize(Object arg) {
    if (arg instanceof Text nested) {
      return format(nested);
    }
    if (arg instanceof LocalDate date) {
      return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
    }
    return arg;
  }

  /** A count with the locale's grouping: {@code 12,400} or {@code 12 400}. */
  public String number(long value) {
    synchronized (integers) {
      return integers.format(value);
    }
  }
}

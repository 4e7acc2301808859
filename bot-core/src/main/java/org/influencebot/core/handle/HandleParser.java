package org.influencebot.core.handle;

import org.influencebot.core.text.Clip;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.influencebot.core.text.Text;

/**
 * Turns what a user typed into a {@link Handle}: {@code @alice}, {@code alice}, {@code bsky:alice.bsky.social},
 * {@code https://bsky.app/profile/…}, {@code @alice@mastodon.social}, {@code https://mastodon.social/@alice},
 * {@code twitter:alice}, {@code x.com/alice}. Anything else gets a sentence with valid examples.
 */
public final class HandleParser {
  public static final int MAX_LENGTH = 200;

  private static final Map<String, String> PREFIXES = Map.ofEntries(
      Map.entry("bsky", "bluesky"), Map.entry("bluesky", "bluesky"),
      Map.entry("twitter", "twitter"), Map.entry("x", "twitter"),
      Map.entry("mastodon", "mastodon"), Map.entry("masto", "mastodon"),
      Map.entry("instagram", "instagram"), Map.entry("ig", "instagram"), Map.entry("insta", "instagram"),
      Map.entry("telegram", "telegram"), Map.entry("tg", "telegram"),
      Map.entry("discord", "discord"), Map.entry("sample", "sample"));

  private static final Map<String, String> HOSTS = Map.of(
      "bsky.app", "bluesky", "x.com", "twitter", "twitter.com", "twitter", "mobile.twitter.com", "twitter",
      "instagram.com", "instagram", "t.me", "telegram");

  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
  private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}");
  private static final Pattern DID = Pattern.compile("did:(plc|web):[A-Za-z0-9._:%-]{1,190}");
  private static final Pattern TWITTER = Pattern.compile("[A-Za-z0-9_]{1,15}");
  private static final Pattern MARKUP = Pattern.compile("[<>*`|\\[\\]{}\"'\\\\~]");

  private HandleParser() {}

  public static Handle parse(String input) throws InvalidHandleException {
    if (input == null || input.isBlank()) {
      throw invalid("handle.error.empty", "");
    }
    String s = input.strip();
    if (s.length() > MAX_LENGTH) {
      throw invalid("handle.error.tooLong", "", MAX_LENGTH);
    }
    // Every character is checked for control and format characters before any error echoes the input.
    // By code point: tag characters (U+E0000…) are invisible format characters outside the BMP.
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
        throw invalid("handle.error.control", "");
      }
      i += Character.charCount(cp);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid("handle.error.space", s);
      }
    }
    if (MARKUP.matcher(s).find()) {
      throw invalid("handle.error.markup", s);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return fromUrl(s);
    }
    int slash = s.indexOf('/');
    if (slash > 0 && s.substring(0, slash).contains(".")) {
      return fromUrl("https://" + s);
    }
    int colon = s.indexOf(':');
    if (colon > 0 && !lower.startsWith("did:")) {
      String prefix = lower.substring(0, colon);
      String network = PREFIXES.get(prefix);
      if (network == null) {
        throw invalid("handle.error.network", s, prefix);
      }
      return onNetwork(network, s.substring(colon + 1), s);
    }
    if (lower.startsWith("did:")) {
      return onNetwork("bluesky", s, s);
    }
    String name = s.startsWith("@") ? s.substring(1) : s;
    int at = name.indexOf('@');
    if (at >= 0) {
      return onNetwork("mastodon", name, s);
    }
    if (!SIMPLE.matcher(name).matches()) {
      throw invalid("handle.error.invalid", s);
    }
    if (DOMAIN.matcher(name).matches() && name.chars().filter(ch -> ch == '.').count() >= 2) {
      // alice.bsky.social: a Bluesky domain handle typed without its prefix.
      return Handle.of("bluesky", name.toLowerCase(Locale.ROOT));
    }
    return Handle.unqualified(name);
  }

  private static Handle onNetwork(String network, String rawName, String original) throws InvalidHandleException {
    String name = rawName.startsWith("@") ? rawName.substring(1) : rawName;
    if (name.isEmpty()) {
      throw invalid("handle.error.empty", original);
    }
    switch (network) {
      case "bluesky" -> {
        if (DID.matcher(name).matches()) {
          return Handle.of(network, name);
        }
        if (!DOMAIN.matcher(name).matches()) {
          String domain = name.toLowerCase(Locale.ROOT) + ".bsky.social";
          if (SIMPLE.matcher(name).matches() && !name.contains(".") && DOMAIN.matcher(domain).matches()) {
            return Handle.of(network, domain);
          }
          throw invalid("handle.error.bluesky", original);
        }
        return Handle.of(network, name.toLowerCase(Locale.ROOT));
      }
      case "mastodon" -> {
        int at = name.indexOf('@');
        if (at < 0) {
          if (!SIMPLE.matcher(name).matches()) {
            throw invalid("handle.error.mastodon", original);
          }
          return Handle.of(network, name);
        }
        String user = name.substring(0, at);
        String host = name.substring(at + 1);
        if (!SIMPLE.matcher(user).matches() || !DOMAIN.matcher(host).matches()) {
          throw invalid("handle.error.mastodon", original);
        }
        return Handle.of(network, user + "@" + host.toLowerCase(Locale.ROOT));
      }
      case "twitter" -> {
        if (!TWITTER.matcher(name).matches()) {
          throw invalid("handle.error.twitter", original);
        }
        return Handle.of(network, name);
      }
      default -> {
        if (!SIMPLE.matcher(name).matches()) {
          throw invalid("handle.error.invalid", original);
        }
        return Handle.of(network, name);
      }
    }
  }

  private static Handle fromUrl(String url) throws InvalidHandleException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid("handle.error.url", url);
    }
    String host = uri.getHost();
    // The raw path: a decoded one would turn evil%2F..%2Fx into evil/../x and read another profile.
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (host == null || !DOMAIN.matcher(host).matches()) {
      throw invalid("handle.error.url", url);
    }
    if (hidesPath(path)) {
      throw invalid("handle.error.encodedLink", url);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    String[] parts = path.split("/");
    // parts[0] is "" for a path starting with "/".
    String first = parts.length > 1 ? parts[1] : "";
    String network = HOSTS.get(host);
    if ("bluesky".equals(network)) {
      if (!"profile".equals(first) || parts.length < 3) {
        throw invalid("handle.error.url", url);
      }
      return onNetwork("bluesky", parts[2], url);
    }
    if (network != null) {
      if (first.isEmpty()) {
        throw invalid("handle.error.url", url);
      }
      return onNetwork(network, first, url);
    }
    if (first.startsWith("@") && first.length() > 1) {
      // https://mastodon.social/@alice, or @alice@other.host seen through a remote instance.
      String user = first.substring(1);
      return onNetwork("mastodon", user.contains("@") ? user : user + "@" + host, url);
    }
    throw invalid("handle.error.url", url);
  }

  /**
   * Whether a profile link's path holds a percent-encoded character or a {@code .}/{@code ..} segment.
   * Profile links of every network the bot reads are plain ASCII, so such a link is refused, never
   * decoded or remapped to another profile.
   */
  private static boolean hidesPath(String rawPath) {
    if (rawPath.indexOf('%') >= 0) {
      return true;
    }
    for (String segment : rawPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static InvalidHandleException invalid(String key, String input, Object... extra) {
    Object[] args = new Object[extra.length + 1];
    args[0] = clip(input);
    System.arraycopy(extra, 0, args, 1, extra.length);
    return new InvalidHandleException(Text.of(key, args));
  }

  /** At most 40 characters of what was typed, and the ellipsis. */
  private static String clip(String s) {
    return Clip.clip(s, 41);
  }
}

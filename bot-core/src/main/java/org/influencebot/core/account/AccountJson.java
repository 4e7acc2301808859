package org.influencebot.core.account;

import org.influencebot.core.text.Clip;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads and writes the account format of {@code shared/spec/account-metrics.md}. Reading validates
 * every value and throws {@link InvalidAccountException} naming the field, and nothing else.
 * Missing and {@code null} values stay unknown; unknown keys are ignored.
 */
public final class AccountJson {
  /** Limits that keep hostile input from costing memory or stack. */
  public static final int MAX_DEPTH = 16;
  public static final int MAX_SAMPLE = 10_000;
  /** At most this many deeper runs of followers, and {@link #MAX_SAMPLE} accounts in all of them together. */
  public static final int MAX_STRATA = 100;
  public static final int MAX_POSTS = 1_000;
  public static final int MAX_HISTORY = 10_000;
  public static final int MAX_TEXT = 10_000;
  public static final int MAX_HANDLE = 256;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(1_000_000)
          .maxNumberLength(40)
          .build())
      .build());

  private AccountJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static Account read(String json) throws InvalidAccountException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidAccountException("", "not valid JSON (" + shortReason(e) + ")");
    } catch (RuntimeException e) {
      throw new InvalidAccountException("", "not valid JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidAccountException("", "empty input: expected one JSON object with at least a \"handle\"");
    }
    return fromTree(node, "", true);
  }

  static String shortReason(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "unreadable";
    }
    int newline = m.indexOf('\n');
    m = newline >= 0 ? m.substring(0, newline) : m;
    return m.length() > 160 ? m.substring(0, 160) + "…" : m;
  }

  /** Reads one account from a parsed tree; {@code path} prefixes field names in messages. */
  public static Account fromTree(JsonNode node, String path, boolean allowSamples) throws InvalidAccountException {
    if (!node.isObject()) {
      throw new InvalidAccountException(path, "expected a JSON object, got " + kind(node));
    }
    Reader r = new Reader(node, path);
    String handle = r.string("handle", MAX_HANDLE).orElseThrow(
        () -> new InvalidAccountException(r.at("handle"), "missing: every account needs a handle, such as \"alice\""));
    String bare = handle.startsWith("@") ? handle.substring(1) : handle;
    if (bare.isBlank()) {
      throw new InvalidAccountException(r.at("handle"), "empty: every account needs a handle, such as \"alice\"");
    }
    Account.Builder b = Account.builder(bare);
    Optional<String> network = r.string("network", 64);
    if (network.isPresent() && !network.get().matches("[a-z][a-z0-9_-]{0,31}")) {
      throw new InvalidAccountException(r.at("network"), "must be a lower-case word such as \"twitter\" or \"bluesky\"");
    }
    b.network(network.orElse(null))
        .id(r.string("id", 256).orElse(null))
        .displayName(r.string("display_name", MAX_TEXT).orElse(null))
        .createdAt(r.time("created_at").orElse(null))
        .observedAt(r.time("observed_at").orElse(null))
        .followers(r.count("followers"))
        .following(r.count("following"))
        .posts(r.count("posts"))
        .likes(r.count("likes"))
        .listed(r.count("listed"))
        .verified(r.bool("verified").orElse(null))
        .isProtected(r.bool("protected").orElse(null))
        .declaredBot(r.bool("declared_bot").orElse(null))
        .hasAvatar(r.bool("has_avatar").orElse(null))
        .defaultProfile(r.bool("default_profile").orElse(null))
        .bio(r.string("bio", MAX_TEXT).orElse(null))
        .location(r.string("location", MAX_TEXT).orElse(null))
        .url(r.string("url", MAX_TEXT).orElse(null))
        .lastPostAt(r.time("last_post_at").orElse(null))
        .label(r.string("label", 16).orElse(null));
    Optional<String> label = r.string("label", 16);
    if (label.isPresent() && !label.get().equals("human") && !label.get().equals("fake")) {
      throw new InvalidAccountException(r.at("label"), "must be \"human\" or \"fake\"");
    }
    b.recentPosts(r.array("recent_posts", MAX_POSTS, AccountJson::post));
    b.followerHistory(r.array("follower_history", MAX_HISTORY, AccountJson::point));
    Optional<String> method = r.string("follower_sample_method", 16);
    if (method.isPresent()) {
      try {
        b.followerSampleMethod(Account.SampleMethod.valueOf(method.get().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidAccountException(r.at("follower_sample_method"), "must be \"random\", \"newest\" or \"top\"");
      }
    }
    if (allowSamples) {
      b.followerSample(r.array("follower_sample", MAX_SAMPLE, (n, p) -> fromTree(n, p, false)));
      b.engagerSample(r.array("engager_sample", MAX_SAMPLE, (n, p) -> fromTree(n, p, false)));
      b.followerStrata(strata(r, b.build()));
    } else {
      for (String key : List.of("follower_sample", "follower_strata", "engager_sample")) {
        if (present(node, key)) {
          throw new InvalidAccountException(r.at(key), "samples cannot be nested inside a sampled account");
        }
      }
    }
    return b.build();
  }

  /**
   * Reads {@code follower_strata}: runs in increasing offset order that do not overlap each other, nor the
   * newest {@code follower_sample} (the run at offset 0), with at most {@link #MAX_SAMPLE} accounts in all.
   */
  private static List<FollowerStratum> strata(Reader r, Account read) throws InvalidAccountException {
    List<FollowerStratum> strata = r.array("follower_strata", MAX_STRATA, AccountJson::stratum);
    boolean newestSample = read.followerSampleMethod().orElse(null) == Account.SampleMethod.NEWEST;
    long free = newestSample ? read.followerSample().size() : 0;
    long total = 0;
    for (int i = 0; i < strata.size(); i++) {
      FollowerStratum s = strata.get(i);
      String at = r.at("follower_strata") + "[" + i + "].offset";
      if (s.offset() < free) {
        throw new InvalidAccountException(at, i == 0
            ? "is " + s.offset() + ", inside the newest follower_sample (" + free + " accounts from offset 0): "
                + "a stratum starts after it"
            : "is " + s.offset() + ", inside the stratum before it (which ends at " + free + "): "
                + "strata are listed by increasing offset and do not overlap");
      }
      free = s.offset() + s.sample().size();
      total += s.sample().size();
      if (total > MAX_SAMPLE) {
        throw new InvalidAccountException(r.at("follower_strata"),
            "holds more than " + MAX_SAMPLE + " accounts in all, at most " + MAX_SAMPLE + " are accepted");
      }
    }
    return strata;
  }

  private static FollowerStratum stratum(JsonNode node, String path) throws InvalidAccountException {
    if (!node.isObject()) {
      throw new InvalidAccountException(path, "expected a stratum object {\"offset\": N, \"sample\": [...]}, got "
          + kind(node));
    }
    Reader r = new Reader(node, path);
    long offset = r.count("offset").orElseThrow(() -> new InvalidAccountException(r.at("offset"),
        "missing: each stratum needs the position of its first follower in the newest-first list (0 = newest)"));
    List<Account> sample = r.array("sample", MAX_SAMPLE, (n, p) -> fromTree(n, p, false));
    if (sample.isEmpty()) {
      throw new InvalidAccountException(r.at("sample"), "missing or empty: each stratum lists the followers read "
          + "there; leave out a stratum where none were read");
    }
    return new FollowerStratum(offset, sample);
  }

  private static boolean present(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  private static Post post(JsonNode node, String path) throws InvalidAccountException {
    if (!node.isObject()) {
      throw new InvalidAccountException(path, "expected a post object, got " + kind(node));
    }
    Reader r = new Reader(node, path);
    Optional<PostKind> kind = Optional.empty();
    Optional<String> k = r.string("kind", 16);
    if (k.isPresent()) {
      try {
        kind = Optional.of(PostKind.valueOf(k.get().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidAccountException(r.at("kind"), "must be \"original\", \"repost\", \"reply\" or \"quote\"");
      }
    }
    return new Post(r.time("created_at"), kind, r.count("likes"), r.count("reposts"), r.count("replies"),
        r.count("quotes"), r.count("views"), r.bool("has_link"), r.bool("has_media"));
  }

  private static FollowerPoint point(JsonNode node, String path) throws InvalidAccountException {
    if (!node.isObject()) {
      throw new InvalidAccountException(path, "expected a point object, got " + kind(node));
    }
    Reader r = new Reader(node, path);
    String at = r.string("at", 64).orElseThrow(
        () -> new InvalidAccountException(r.at("at"), "missing: each point needs a date such as \"2026-01-31\""));
    LocalDate date;
    try {
      date = at.length() <= 10 ? LocalDate.parse(at) : utc(OffsetDateTime.parse(at)).toLocalDate();
    } catch (DateTimeException e) {
      throw new InvalidAccountException(r.at("at"), "not an RFC 3339 date or time: \"" + clip(at) + "\"");
    }
    long followers = r.count("followers").orElseThrow(
        () -> new InvalidAccountException(r.at("followers"), "missing: each point needs a follower count"));
    return new FollowerPoint(date, followers);
  }

  /**
   * {@code time} in UTC, if its year there has the four digits RFC 3339 allows: Java also reads years such
   * as {@code +999999999}, which overflow when shifted to UTC or are written back in a form no reader takes.
   */
  private static OffsetDateTime utc(OffsetDateTime time) {
    OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
    if (utc.getYear() < 0 || utc.getYear() > 9999) {
      throw new DateTimeException("year outside 0000-9999 in UTC");
    }
    return utc;
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "something else";
    };
  }

  private static String clip(String s) {
    return Clip.clip(s, 41);
  }

  @FunctionalInterface
  private interface ElementReader<T> {
    T read(JsonNode node, String path) throws InvalidAccountException;
  }

  /** Typed, validating access to one object's fields. */
  private static final class Reader {
    private final JsonNode node;
    private final String path;

    Reader(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    String at(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode value(String key) {
      JsonNode v = node.get(key);
      return v == null || v.isNull() ? null : v;
    }

    Optional<String> string(String key, int maxLength) throws InvalidAccountException {
      JsonNode v = value(key);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.isTextual()) {
        throw new InvalidAccountException(at(key), "must be a string, got " + kind(v));
      }
      String s = v.textValue();
      if (s.length() > maxLength) {
        throw new InvalidAccountException(at(key), "too long (" + s.length() + " characters, at most " + maxLength + ")");
      }
      return Optional.of(s);
    }

    OptionalLong count(String key) throws InvalidAccountException {
      JsonNode v = value(key);
      if (v == null) {
        return OptionalLong.empty();
      }
      if (!v.isIntegralNumber() && !(v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
        throw new InvalidAccountException(at(key), "must be a whole number, got " + kind(v)
            + (v.isNumber() ? " with a fraction" : ""));
      }
      if (!v.canConvertToLong() || v.asDouble() > 1e15) {
        throw new InvalidAccountException(at(key), "is absurdly large (" + clip(v.asText()) + ")");
      }
      long n = v.asLong();
      if (n < 0) {
        throw new InvalidAccountException(at(key), "must not be negative, got " + n);
      }
      return OptionalLong.of(n);
    }

    Optional<Boolean> bool(String key) throws InvalidAccountException {
      JsonNode v = value(key);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.isBoolean()) {
        throw new InvalidAccountException(at(key), "must be true or false, got " + kind(v));
      }
      return Optional.of(v.booleanValue());
    }

    Optional<Instant> time(String key) throws InvalidAccountException {
      Optional<String> s = string(key, 64);
      if (s.isEmpty()) {
        return Optional.empty();
      }
      String t = s.get();
      try {
        if (t.length() == 10) {
          return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return Optional.of(utc(OffsetDateTime.parse(t)).toInstant());
      } catch (DateTimeException e) {
        throw new InvalidAccountException(at(key), "not an RFC 3339 time such as \"2026-01-31T12:00:00Z\": \"" + clip(t) + "\"");
      }
    }

    <T> List<T> array(String key, int max, ElementReader<T> element) throws InvalidAccountException {
      JsonNode v = value(key);
      if (v == null) {
        return List.of();
      }
      if (!v.isArray()) {
        throw new InvalidAccountException(at(key), "must be an array, got " + kind(v));
      }
      if (v.size() > max) {
        throw new InvalidAccountException(at(key), "has " + v.size() + " entries, at most " + max + " are accepted");
      }
      List<T> out = new ArrayList<>(v.size());
      for (int i = 0; i < v.size(); i++) {
        out.add(element.read(v.get(i), at(key) + "[" + i + "]"));
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- writing

  public static String write(Account account) {
    try {
      return MAPPER.writeValueAsString(toTree(account, true));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree always serializes", e);
    }
  }

  public static ObjectNode toTree(Account a, boolean withSamples) {
    ObjectNode o = MAPPER.createObjectNode();
    a.network().ifPresent(v -> o.put("network", v));
    o.put("handle", a.handle());
    a.id().ifPresent(v -> o.put("id", v));
    a.displayName().ifPresent(v -> o.put("display_name", v));
    a.createdAt().ifPresent(v -> o.put("created_at", v.toString()));
    a.observedAt().ifPresent(v -> o.put("observed_at", v.toString()));
    a.followers().ifPresent(v -> o.put("followers", v));
    a.following().ifPresent(v -> o.put("following", v));
    a.posts().ifPresent(v -> o.put("posts", v));
    a.likes().ifPresent(v -> o.put("likes", v));
    a.listed().ifPresent(v -> o.put("listed", v));
    a.verified().ifPresent(v -> o.put("verified", v));
    a.isProtected().ifPresent(v -> o.put("protected", v));
    a.declaredBot().ifPresent(v -> o.put("declared_bot", v));
    a.hasAvatar().ifPresent(v -> o.put("has_avatar", v));
    a.defaultProfile().ifPresent(v -> o.put("default_profile", v));
    a.bio().ifPresent(v -> o.put("bio", v));
    a.location().ifPresent(v -> o.put("location", v));
    a.url().ifPresent(v -> o.put("url", v));
    a.lastPostAt().ifPresent(v -> o.put("last_post_at", v.toString()));
    if (!a.recentPosts().isEmpty()) {
      ArrayNode posts = o.putArray("recent_posts");
      for (Post p : a.recentPosts()) {
        ObjectNode po = posts.addObject();
        p.createdAt().ifPresent(v -> po.put("created_at", v.toString()));
        p.kind().ifPresent(v -> po.put("kind", v.wireName()));
        p.likes().ifPresent(v -> po.put("likes", v));
        p.reposts().ifPresent(v -> po.put("reposts", v));
        p.replies().ifPresent(v -> po.put("replies", v));
        p.quotes().ifPresent(v -> po.put("quotes", v));
        p.views().ifPresent(v -> po.put("views", v));
        p.hasLink().ifPresent(v -> po.put("has_link", v));
        p.hasMedia().ifPresent(v -> po.put("has_media", v));
      }
    }
    if (!a.followerHistory().isEmpty()) {
      ArrayNode h = o.putArray("follower_history");
      for (FollowerPoint p : a.followerHistory()) {
        h.addObject().put("at", p.at().toString()).put("followers", p.followers());
      }
    }
    // Written for sampled accounts too: read() accepts it there, and what is read must survive a write.
    a.followerSampleMethod().ifPresent(v -> o.put("follower_sample_method", v.wireName()));
    if (withSamples) {
      writeSample(o, "follower_sample", a.followerSample(), acc -> toTree(acc, false));
      if (!a.followerStrata().isEmpty()) {
        ArrayNode strata = o.putArray("follower_strata");
        for (FollowerStratum s : a.followerStrata()) {
          ObjectNode so = strata.addObject().put("offset", s.offset());
          writeSample(so, "sample", s.sample(), acc -> toTree(acc, false));
        }
      }
      writeSample(o, "engager_sample", a.engagerSample(), acc -> toTree(acc, false));
    }
    a.label().ifPresent(v -> o.put("label", v));
    return o;
  }

  private static void writeSample(ObjectNode o, String key, List<Account> sample, Function<Account, ObjectNode> f) {
    if (!sample.isEmpty()) {
      ArrayNode arr = o.putArray(key);
      sample.forEach(acc -> arr.add(f.apply(acc)));
    }
  }
}

package org.influencebot.core.members;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A members file: JSON Lines, one member a line, {@code id} required and {@code joined_at},
 * {@code created_at}, {@code has_avatar}, {@code is_bot}, {@code last_active_at} (and {@code pending}) each
 * optional or {@code null} when unknown. Times are RFC 3339 ({@code "2026-01-31T12:00:00Z"}) or dates
 * ({@code "2026-01-31"}, midnight UTC). Other fields (a name an export carries) are ignored and never read.
 * A line that cannot be used is reported with one sentence naming its number and field, and skipped.
 */
public final class MemberFile {
  /** Longest line read: a member is a few hundred characters. */
  public static final int MAX_LINE = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private MemberFile() {}

  /** A line that could not be used, with its 1-based number and the reason (naming the field). */
  public record LineError(int line, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  /** Reads every member of a file; blank lines are skipped, bad lines reported to {@code errors} and skipped. */
  public static List<Member> read(Path file, Consumer<LineError> errors) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, errors);
    }
  }

  /** As {@link #read(Path, Consumer)}, from any reader. */
  public static List<Member> read(Reader reader, Consumer<LineError> errors) throws IOException {
    BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<Member> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String s;
    int n = 0;
    while ((s = r.readLine()) != null) {
      n++;
      if (s.isBlank()) {
        continue;
      }
      try {
        Member m = parse(s);
        Integer first = seen.putIfAbsent(m.id(), n);
        if (first != null) {
          throw new BadLine("'id': \"" + clip(m.id()) + "\" is already on line " + first + ", a member is listed once");
        }
        out.add(m);
      } catch (BadLine e) {
        errors.accept(new LineError(n, e.getMessage()));
      }
    }
    return out;
  }

  /** One member from one line, or {@link BadLine} with the sentence saying what is wrong. */
  static Member parse(String line) throws BadLine {
    if (line.length() > MAX_LINE) {
      throw new BadLine("longer than " + MAX_LINE + " characters, not a member");
    }
    JsonNode o;
    try {
      o = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLine("not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (o == null || !o.isObject()) {
      throw new BadLine("not a JSON object such as {\"id\": \"123\", \"joined_at\": \"2026-01-31T12:00:00Z\"}");
    }
    JsonNode idNode = o.get("id");
    String id;
    if (idNode == null || idNode.isNull()) {
      throw new BadLine("'id': missing, every member needs one");
    } else if (idNode.isTextual()) {
      id = idNode.textValue().strip();
    } else if (idNode.isIntegralNumber()) {
      id = idNode.asText();
    } else {
      throw new BadLine("'id': must be a string or a whole number, got " + kind(idNode));
    }
    if (id.isEmpty() || id.length() > 100) {
      throw new BadLine("'id': must be 1 to 100 characters, got " + id.length());
    }
    Optional<Instant> joined = time(o, "joined_at");
    Optional<Instant> created = time(o, "created_at");
    if (joined.isPresent() && created.isPresent() && created.get().isAfter(joined.get())) {
      throw new BadLine("'created_at': " + created.get() + " is after 'joined_at' " + joined.get()
          + ", an account cannot join before it exists");
    }
    return new Member(id, joined, created, bool(o, "has_avatar"), bool(o, "is_bot"), time(o, "last_active_at"),
        bool(o, "pending"));
  }

  private static Optional<Boolean> bool(JsonNode o, String key) throws BadLine {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw new BadLine("'" + key + "': must be true, false or null, got " + kind(v));
    }
    return Optional.of(v.booleanValue());
  }

  private static Optional<Instant> time(JsonNode o, String key) throws BadLine {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new BadLine("'" + key + "': must be an RFC 3339 time such as \"2026-01-31T12:00:00Z\" or null, got " + kind(v));
    }
    String t = v.textValue().strip();
    try {
      Instant at = t.length() == 10
          ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(t).toInstant();
      if (at.isBefore(EARLIEST)) {
        throw new BadLine("'" + key + "': " + t + " is before 2003, earlier than any account of these platforms");
      }
      return Optional.of(at);
    } catch (DateTimeException e) {
      throw new BadLine("'" + key + "': not an RFC 3339 time such as \"2026-01-31T12:00:00Z\": \"" + clip(t) + "\"");
    }
  }

  private static final Instant EARLIEST = Instant.parse("2003-01-01T00:00:00Z");

  private static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "true or false";
    }
    if (v.isArray()) {
      return "an array";
    }
    return v.isObject() ? "an object" : "null";
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** A line that is not a member, with the sentence saying why. */
  static final class BadLine extends Exception {
    BadLine(String message) {
      super(message, null, false, false);
    }
  }
}

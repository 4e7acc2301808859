package org.influencebot.core.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import org.influencebot.core.account.AccountJson;

/**
 * Defensive reads of a remote API's JSON: a missing or {@code null} value is unknown; a value of the
 * wrong type, a negative count or an absurd one (above {@link #MAX_COUNT}) is a {@code BAD_RESPONSE}
 * naming the field. Long texts are clipped; an unreadable time is left unknown.
 */
public final class JsonFields {
  /** No network has a trillion of anything. */
  public static final long MAX_COUNT = 1_000_000_000_000L;

  private final SourceErrors errors;

  public JsonFields(SourceErrors errors) {
    this.errors = errors;
  }

  public org.influencebot.core.source.SourceException badResponse(String detail) {
    return errors.badResponse(detail);
  }

  private static JsonNode value(JsonNode obj, String field) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    JsonNode v = obj.get(field);
    return v == null || v.isNull() || v.isMissingNode() ? null : v;
  }

  public JsonNode object(JsonNode obj, String field, String where) {
    JsonNode v = value(obj, field);
    if (v == null || !v.isObject()) {
      throw errors.badResponse(where + ": '" + field + "' should be an object");
    }
    return v;
  }

  /** An array, or empty when missing; a non-array is a bad response. */
  public Iterable<JsonNode> array(JsonNode obj, String field, String where) {
    JsonNode v = value(obj, field);
    if (v == null) {
      return java.util.List.of();
    }
    if (!v.isArray()) {
      throw errors.badResponse(where + ": '" + field + "' should be an array");
    }
    return v;
  }

  public Optional<String> text(JsonNode obj, String field, String where) {
    JsonNode v = value(obj, field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw errors.badResponse(where + ": '" + field + "' should be a string");
    }
    String s = v.textValue();
    return Optional.of(s.length() > AccountJson.MAX_TEXT ? s.substring(0, AccountJson.MAX_TEXT) : s);
  }

  public String requiredText(JsonNode obj, String field, String where) {
    return text(obj, field, where).filter(s -> !s.isBlank())
        .orElseThrow(() -> errors.badResponse(where + ": '" + field + "' is missing"));
  }

  public OptionalLong count(JsonNode obj, String field, String where) {
    JsonNode v = value(obj, field);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw errors.badResponse(where + ": '" + field + "' should be a whole number");
    }
    long n = v.longValue();
    if (n < 0 || n > MAX_COUNT) {
      throw errors.badResponse(where + ": '" + field + "' is absurd (" + n + ")");
    }
    return OptionalLong.of(n);
  }

  public Optional<Boolean> bool(JsonNode obj, String field, String where) {
    JsonNode v = value(obj, field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw errors.badResponse(where + ": '" + field + "' should be true or false");
    }
    return Optional.of(v.booleanValue());
  }

  /** An RFC 3339 time or a bare date; an unreadable one is unknown. */
  public Optional<Instant> time(JsonNode obj, String field, String where) {
    Optional<String> s = text(obj, field, where);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    String t = s.get().strip();
    try {
      if (t.length() == 10) {
        return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

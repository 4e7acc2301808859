package org.influencebot.core.source.http;

import org.influencebot.core.text.Clip;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.influencebot.core.account.AccountJson;

/**
 * A response a source may read: any status below 500 but 429, its headers and its whole body (already
 * capped in size). {@link #json()} refuses HTML pages and malformed or truncated JSON.
 */
public record HttpAnswer(HttpUrl url, int code, Headers headers, String body, SourceErrors errors) {
  public boolean ok() {
    return code >= 200 && code < 300;
  }

  public String header(String name) {
    return headers.get(name);
  }

  /** The body as a JSON tree, or a {@code BAD_RESPONSE}. */
  public JsonNode json() {
    String type = headers.get("Content-Type");
    String trimmed = body.strip();
    if ((type != null && type.toLowerCase(Locale.ROOT).contains("html")) || trimmed.startsWith("<")) {
      throw errors.badResponse("HTTP " + code + " from " + where() + ": an HTML page instead of JSON");
    }
    if (trimmed.isEmpty()) {
      throw errors.badResponse("HTTP " + code + " from " + where() + ": empty body instead of JSON");
    }
    JsonNode node;
    try {
      node = AccountJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw errors.badResponse("HTTP " + code + " from " + where() + ": malformed or truncated JSON ("
          + clip(e.getOriginalMessage()) + ")");
    } catch (RuntimeException e) {
      throw errors.badResponse("HTTP " + code + " from " + where() + ": unreadable JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw errors.badResponse("HTTP " + code + " from " + where() + ": no JSON value");
    }
    return node;
  }

  /** Host and path only: queries may hold handles, never secrets, but stay out of logs anyway. */
  public String where() {
    return url.host() + url.encodedPath();
  }

  private static String clip(String s) {
    return s == null ? "unreadable" : Clip.firstLine(s, 121);
  }
}

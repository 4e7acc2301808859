package org.influencebot.core.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.reply.Reply;

/**
 * A button under a summary: what it does, to which side of the summary, for which account.
 *
 * @param action details (the full list of signals) or refresh (compute again now)
 */
public record Button(Action action, Reply.Focus focus, Handle handle) {
  public Button {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(focus, "focus");
    Objects.requireNonNull(handle, "handle");
  }

  public enum Action {
    DETAILS('d'),
    REFRESH('r');

    private final char code;

    Action(char code) {
      this.code = code;
    }
  }

  /**
   * The one codec of buttons for every platform: {@code ib:<action><focus>:<handle>} (for example
   * {@code ib:di:bluesky:alice.bsky.social}). A button read back is parsed again by the handle parser,
   * so forged data can only name a handle a user could have typed. A handle too long for the
   * platform's limit is kept here for two days and the button carries a short key
   * ({@code ib:di#Qm9vX2tleV9oZXJl}); after that, after a restart, or on another replica, the button
   * says it expired. The key is 96 random bits, never a counter: a counter starts again at 1 after a
   * restart and on every replica, so an old button would name whatever handle took its key there.
   */
  public static final class Codec {
    private static final String PREFIX = "ib:";

    private final Cache<String, Handle> longHandles =
        Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofDays(2)).build();
    private final SecureRandom random = new SecureRandom();

    /** The button's data within {@code maxBytes} bytes of UTF-8 (Telegram allows 64, Discord 100). */
    public String encode(Button button, int maxBytes) {
      String head = PREFIX + button.action.code + (button.focus == Reply.Focus.INFLUENCE ? 'i' : 'a');
      String data = head + ":" + button.handle;
      if (data.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
        return data;
      }
      String key;
      do {
        key = newKey();
      } while (longHandles.asMap().putIfAbsent(key, button.handle) != null);
      return head + "#" + key;
    }

    private String newKey() {
      byte[] bytes = new byte[12];
      random.nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Empty for data this bot did not make, an invalid handle, or a long handle's key it forgot. */
    public Optional<Button> decode(String data) {
      if (data == null || data.length() < PREFIX.length() + 4 || !data.startsWith(PREFIX)) {
        return Optional.empty();
      }
      char a = data.charAt(PREFIX.length());
      char f = data.charAt(PREFIX.length() + 1);
      Action action = a == 'd' ? Action.DETAILS : a == 'r' ? Action.REFRESH : null;
      Reply.Focus focus = f == 'i' ? Reply.Focus.INFLUENCE : f == 'a' ? Reply.Focus.AUTHENTICITY : null;
      if (action == null || focus == null) {
        return Optional.empty();
      }
      char separator = data.charAt(PREFIX.length() + 2);
      String rest = data.substring(PREFIX.length() + 3);
      if (separator == '#') {
        return Optional.ofNullable(longHandles.getIfPresent(rest)).map(h -> new Button(action, focus, h));
      }
      if (separator != ':') {
        return Optional.empty();
      }
      try {
        return Optional.of(new Button(action, focus, HandleParser.parse(rest)));
      } catch (InvalidHandleException e) {
        return Optional.empty();
      }
    }
  }
}

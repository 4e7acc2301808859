package org.influencebot.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.Reply;

/**
 * What an inline keyboard button asks, packed into Telegram's callback data (at most 64 bytes):
 * {@code ri|network|name}: action (d = details, r = refresh), focus (i = influence, a = authenticity),
 * the network and the handle. A handle too long for 64 bytes is kept here and the button carries a
 * short key ({@code ri#k3f}); such keys are forgotten after a while, and then the button says so.
 */
final class ButtonData {
  static final int MAX_BYTES = 64;

  enum Action {
    DETAILS('d'),
    REFRESH('r');

    final char code;

    Action(char code) {
      this.code = code;
    }
  }

  record Press(Action action, Reply.Focus focus, Handle handle) {}

  private final Cache<String, Handle> longHandles;
  private final AtomicLong nextKey = new AtomicLong();

  ButtonData() {
    this.longHandles = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofDays(2)).build();
  }

  String encode(Action action, Reply.Focus focus, Handle handle) {
    String head = "" + action.code + (focus == Reply.Focus.INFLUENCE ? 'i' : 'a');
    String data = head + "|" + handle.network().orElse("") + "|" + handle.name();
    if (data.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return data;
    }
    String key = Long.toString(nextKey.incrementAndGet(), 36);
    longHandles.put(key, handle);
    return head + "#" + key;
  }

  /** Empty for data this bot did not make, or a long handle's key it has forgotten. */
  Optional<Press> decode(String data) {
    if (data == null || data.length() < 3) {
      return Optional.empty();
    }
    Action action = switch (data.charAt(0)) {
      case 'd' -> Action.DETAILS;
      case 'r' -> Action.REFRESH;
      default -> null;
    };
    Reply.Focus focus = switch (data.charAt(1)) {
      case 'i' -> Reply.Focus.INFLUENCE;
      case 'a' -> Reply.Focus.AUTHENTICITY;
      default -> null;
    };
    if (action == null || focus == null) {
      return Optional.empty();
    }
    String rest = data.substring(3);
    if (data.charAt(2) == '#') {
      return Optional.ofNullable(longHandles.getIfPresent(rest)).map(h -> new Press(action, focus, h));
    }
    if (data.charAt(2) != '|') {
      return Optional.empty();
    }
    int bar = rest.indexOf('|');
    if (bar < 0 || bar == rest.length() - 1) {
      return Optional.empty();
    }
    String network = rest.substring(0, bar);
    Handle handle = new Handle(network.isEmpty() ? Optional.empty() : Optional.of(network), rest.substring(bar + 1));
    return Optional.of(new Press(action, focus, handle));
  }
}

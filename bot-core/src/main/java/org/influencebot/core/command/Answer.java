package org.influencebot.core.command;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;

/**
 * A reply, when it is ready, and how the chat's settings want it delivered (known at once, so that a
 * platform can acknowledge the right way before the reply is computed).
 *
 * @param reply completes with the reply, never exceptionally
 * @param privately for the asker alone (Discord: ephemeral; Telegram: in a private chat with them)
 * @param language the chat's language when its moderators set one, else empty: each user's own
 */
public record Answer(CompletableFuture<Reply> reply, boolean privately, Optional<Locale> language) {
  public Answer {
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(language, "language");
  }

  public static Answer of(Reply reply) {
    return new Answer(CompletableFuture.completedFuture(reply), false, Optional.empty());
  }

  /** The messages to render it with: the chat's language, else {@code usersOwn}. */
  public Messages messages(Messages usersOwn) {
    return language.map(usersOwn::in).orElse(usersOwn);
  }
}

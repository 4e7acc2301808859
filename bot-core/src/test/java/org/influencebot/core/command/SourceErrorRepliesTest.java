package org.influencebot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.ReplyJson;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.http.SourceErrors;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

/** How a source's failure reads: the network searched, and a kind of its own for each failure. */
class SourceErrorRepliesTest {
  private static final SourceErrors BLUESKY = new SourceErrors("bluesky", "Bluesky");

  private static String english(Reply r) {
    return Messages.english().format(((Reply.ErrorReply) r).message());
  }

  @Test
  void notFoundNamesTheNetworkThatWasSearched() throws Exception {
    Handle x = HandleParser.parse("x.com/alice");
    assertThat(english(CommandRunner.toError(new AccountNotFoundException(x, "http"))))
        .startsWith("I could not find @alice on X/Twitter in the http data.");
    assertThat(english(CommandRunner.toError(new AccountNotFoundException(Handle.of("mastodon", "bob@m.example"), "mastodon"))))
        .startsWith("I could not find @bob@m.example on Mastodon");
    assertThat(Messages.forTag("fr").format(((Reply.ErrorReply) CommandRunner.toError(
        new AccountNotFoundException(x, "http"))).message())).startsWith("Je ne trouve pas @alice sur X/Twitter");
    // The sample data has no network of its own to name.
    assertThat(english(CommandRunner.toError(new AccountNotFoundException(Handle.of("sample", "nobody"), "sample"))))
        .startsWith("I could not find @nobody in the sample data.");
  }

  @Test
  void anUnreadableAnswerAndATooSlowSourceHaveKindsOfTheirOwn() {
    Reply unreadable = CommandRunner.toError(BLUESKY.badResponse("HTML instead of JSON"));
    assertThat(((Reply.ErrorReply) unreadable).kind()).isEqualTo(Reply.ErrorKind.UNREADABLE_ANSWER);
    assertThat(ReplyJson.toJson(unreadable, Messages.english(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .get("error").asText()).isEqualTo("unreadable_answer");
    Reply slow = CommandRunner.toError(BLUESKY.timeout("the lookup's 20 s were spent", null));
    assertThat(((Reply.ErrorReply) slow).kind()).isEqualTo(Reply.ErrorKind.SOURCE_TOO_SLOW);
    assertThat(english(slow)).isEqualTo("Bluesky took too long to answer; try again in a moment.");
    Reply limited = CommandRunner.toError(BLUESKY.rateLimited(Duration.ofSeconds(53), "no request left"));
    assertThat(english(limited)).isEqualTo("Bluesky is rate-limiting the bot; try again in 53 s.");
  }
}

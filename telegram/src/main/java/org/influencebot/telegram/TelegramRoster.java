package org.influencebot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.command.Requester;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberRoster;
import org.influencebot.core.service.ServiceBusyException;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMemberCount;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Telegram's members for {@code /members}: a bot cannot list a group's members, so the audit reads the joins it
 * saw as an administrator ({@link MemberEvents}, kept in the member log) since it started watching, with the
 * group's member count from {@code getChatMemberCount}. When the bot is not an administrator (it sees no joins)
 * the audit says so in one sentence. Every Bot API call is asynchronous and the log is read on {@code reads},
 * never on the caller's thread.
 */
final class TelegramRoster implements MemberRoster {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramRoster.class);
  /** How long the Bot API calls of an audit may take: Telegram did not answer, past it. */
  static final Duration API_WAIT = Duration.ofSeconds(30);

  private final TelegramClient client;
  private final MemberEvents events;
  private final long botId;
  private final Clock clock;
  private final Executor reads;

  /**
   * @param botId the bot's own user id (getMe), to ask whether it is an administrator
   * @param reads where the member log is read (it may block: a disk, a database)
   */
  TelegramRoster(TelegramClient client, MemberEvents events, long botId, Clock clock, Executor reads) {
    this.client = client;
    this.events = events;
    this.botId = botId;
    this.clock = clock;
    this.reads = reads;
  }

  /** What the log holds of one group. */
  private record Seen(Optional<Instant> since, List<Member> members) {}

  @Override
  public CompletableFuture<Roster> roster(Requester requester) {
    long chat;
    try {
      chat = Long.parseLong(requester.chat().orElseThrow());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new Unavailable(Text.of("members.chatOnly")));
    }
    String community = Long.toString(chat);
    GetChatMember self = GetChatMember.builder().chatId(chat).userId(botId).build();
    return api(ReplyMessages.call(() -> client.executeAsync(self))).thenCompose(me -> {
      String status = me instanceof ChatMember cm ? cm.getStatus() : "";
      if (!status.equals("administrator") && !status.equals("creator")) {
        throw new Unavailable(Text.of("telegram.members.notAdmin"));
      }
      CompletableFuture<OptionalInt> count = api(ReplyMessages.call(() -> client.executeAsync(new GetChatMemberCount(
          community)))).thenApply(n -> n instanceof Integer i ? OptionalInt.of(i) : OptionalInt.empty())
          .exceptionally(e -> {
            LOG.debug("getChatMemberCount failed for an audit: {}", e.toString());
            return OptionalInt.empty(); // the audit says it without the group's count
          });
      CompletableFuture<Seen> seen = events.settled(chat)
          .completeOnTimeout(null, MemberEvents.PHOTO_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)
          .thenCompose(v -> read(community));
      return seen.thenCombine(count, (s, n) -> {
        if (s.since().isEmpty()) {
          // An administrator whose promotion the bot never saw (it was down, or before member audits).
          events.watch().watching(MemberEvents.PLATFORM, community, clock.instant());
          throw new Unavailable(Text.of("telegram.members.startedWatching"));
        }
        return new Roster(s.members(), n, s.since(), Kind.JOINS_SEEN);
      });
    });
  }

  /** The log's view of the group, once every join received so far is written. */
  private CompletableFuture<Seen> read(String community) {
    try {
      return CompletableFuture.supplyAsync(() -> {
        events.watch().flush();
        var log = events.watch().log();
        return new Seen(log.watchingSince(MemberEvents.PLATFORM, community),
            log.members(MemberEvents.PLATFORM, community));
      }, reads);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new ServiceBusyException());
    }
  }

  /** A Bot API call, bounded by {@link #API_WAIT}; a failure becomes the sentence that Telegram did not answer. */
  private static <T> CompletableFuture<T> api(CompletableFuture<T> call) {
    return call.orTimeout(API_WAIT.toMillis(), TimeUnit.MILLISECONDS).handle((value, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Unavailable u) {
          throw u;
        }
        LOG.warn("a Bot API call for a member audit failed: {}", cause.toString());
        throw new Unavailable(Text.of("telegram.members.telegramDown"));
      }
      return value;
    });
  }
}

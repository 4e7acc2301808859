package org.influencebot.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.utils.concurrent.Task;
import org.influencebot.core.command.Requester;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberLog;
import org.influencebot.core.members.MemberRoster;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's members for {@code /influence-members}, read from the gateway's member chunks (op 8, Request Guild
 * Members, answered by {@code GUILD_MEMBERS_CHUNK}s of up to 1,000): each JDA member is turned into the core's
 * {@link Member} as its chunk arrives (id, join time, account creation from the id, own avatar, bot flag,
 * screening) and dropped, so that JDA's member cache stays empty and only the small core records are held. The
 * member log adds each member's last activity (messages counted by {@link MemberEvents}, never read).
 *
 * <p>Two moderators asking at once share one read of the server.
 */
final class DiscordRoster implements MemberRoster {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordRoster.class);
  /**
   * How long the chunks of one server may take in all (JDA's default is 10 s from the request); Discord sends
   * about 100 chunks for 100,000 members.
   */
  static final Duration CHUNKS_TIMEOUT = Duration.ofMinutes(2);

  private final Function<String, Optional<Guild>> guilds;
  private final MemberLog log;
  private final Executor executor;
  private final Duration timeout;
  private final Map<String, CompletableFuture<Roster>> reading = new ConcurrentHashMap<>();

  /**
   * @param guilds a server by id, when this process runs its shard and the server is ready
   * @param executor where the chunks read are merged with the member log (it may wait for the store): never JDA's
   *     threads
   */
  DiscordRoster(Function<String, Optional<Guild>> guilds, MemberLog log, Executor executor, Duration timeout) {
    this.guilds = guilds;
    this.log = log;
    this.executor = executor;
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<Roster> roster(Requester requester) {
    String guildId = requester.chat().orElse("");
    CompletableFuture<Roster> mine = new CompletableFuture<>();
    CompletableFuture<Roster> running = reading.putIfAbsent(guildId, mine);
    if (running != null) {
      return running;
    }
    mine.whenComplete((r, e) -> reading.remove(guildId, mine));
    try {
      read(guildId, mine);
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
    }
    return mine;
  }

  private void read(String guildId, CompletableFuture<Roster> result) {
    Optional<Guild> found = guilds.apply(guildId);
    if (found.isEmpty()) {
      result.completeExceptionally(new Unavailable(Text.of("discord.members.not_ready")));
      return;
    }
    Guild guild = found.get();
    long start = System.nanoTime();
    List<Member> members = new ArrayList<>(Math.max(16, guild.getMemberCount() + 16));
    Task<Void> task;
    try {
      // Chunks are handled on JDA's gateway thread: only the conversion happens there.
      task = guild.loadMembers(m -> {
        Member member = member(m);
        synchronized (members) {
          members.add(member);
        }
      });
    } catch (IllegalStateException noIntent) {
      result.completeExceptionally(new Unavailable(Text.of("discord.members.off")));
      return;
    }
    task.setTimeout(timeout);
    task.onSuccess(done -> {
      try {
        executor.execute(() -> {
          try {
            List<Member> read;
            synchronized (members) {
              read = members;
            }
            long chunks = System.nanoTime();
            Roster roster = withActivity(guildId, guild.getMemberCount(), read);
            LOG.info("read the {} members of server {} in {} ms (the member log's activity added in {} ms)",
                read.size(), guildId, (chunks - start) / 1_000_000, (System.nanoTime() - chunks) / 1_000_000);
            result.complete(roster);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(e);
      }
    }).onError(error -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      result.completeExceptionally(cause instanceof TimeoutException
          ? new Unavailable(Text.of("discord.members.too_slow")) : cause);
    });
  }

  /** The members read, each with its last activity as the member log knows it. */
  private Roster withActivity(String guildId, int count, List<Member> read) {
    Map<String, Instant> active = new HashMap<>();
    for (Member seen : log.members(InteractionListener.PLATFORM, guildId)) {
      seen.lastActiveAt().ifPresent(at -> active.put(seen.id(), at));
    }
    List<Member> members = read;
    if (!active.isEmpty()) {
      members = new ArrayList<>(read.size());
      for (Member m : read) {
        Instant at = active.get(m.id());
        members.add(at == null ? m : new Member(m.id(), m.joinedAt(), m.createdAt(), m.hasAvatar(), m.bot(),
            Optional.of(at), m.pending()));
      }
    }
    return new Roster(members, OptionalInt.of(Math.max(count, members.size())),
        log.watchingSince(InteractionListener.PLATFORM, guildId), Kind.ALL_MEMBERS);
  }

  /** Discord's epoch, 2015-01-01T00:00Z, in milliseconds: a snowflake's top 42 bits count from it. */
  static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;

  /**
   * When the account with this id was created. (JDA's {@code getTimeCreated} builds a {@code Calendar} for each
   * call, which read 100,000 members a good deal slower.)
   */
  static Instant createdAt(long snowflake) {
    return Instant.ofEpochMilli((snowflake >>> 22) + DISCORD_EPOCH_MILLIS);
  }

  /**
   * What the audit reads of a server member: never a name. The account's creation time is its id's
   * (Discord ids grow with time); its own picture is a user or server avatar.
   */
  static Member member(net.dv8tion.jda.api.entities.Member m) {
    User user = m.getUser();
    return new Member(user.getId(),
        m.hasTimeJoined() ? Optional.of(m.getTimeJoined().toInstant()) : Optional.empty(),
        Optional.of(createdAt(user.getIdLong())),
        Optional.of(user.getAvatarId() != null || m.getAvatarId() != null),
        Optional.of(user.isBot()),
        Optional.empty(),
        Optional.of(m.isPending()));
  }
}

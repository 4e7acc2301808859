package org.influencebot.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetUserProfilePhotos;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberRestricted;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * What the bot sees of a group's members, reported to the {@link MemberWatch}: the bot made an administrator
 * ({@code my_chat_member}: it watches the joins from then on), members joining and leaving ({@code chat_member},
 * which Telegram sends to administrators only, and only when asked for in {@code allowed_updates}), and members
 * writing (any group message: its sender and date, counted, never read; nothing of its content is kept).
 *
 * <p>Called on the polling (or webhook) thread, so nothing here waits: the watch writes off-thread, and a new
 * joiner's profile photo is asked of Telegram ({@code getUserProfilePhotos}, limit 1) asynchronously, within
 * {@link PhotoBudget}; when the budget is spent the photo stays unknown. A join waiting for its photo is reported
 * once the answer comes (or {@link #PHOTO_WAIT} passes); what follows for the same member (a leave, a message)
 * is reported after it, in order. Account creation dates are not read: Telegram shows none, and user ids, which
 * grow with time, have no calibrated id-to-date table here.
 */
final class MemberEvents {
  private static final Logger LOG = LoggerFactory.getLogger(MemberEvents.class);
  static final String PLATFORM = ChatPermissions.PLATFORM;
  /** How long a join waits for its photo before it is reported without one. */
  static final Duration PHOTO_WAIT = Duration.ofSeconds(10);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final TelegramClient client;
  private final MemberWatch watch;
  private final PhotoBudget photos;
  /** Groups whose watching was reported in this run: a chat_member update in another one starts it. */
  private final Cache<Long, Boolean> watched = Caffeine.newBuilder().maximumSize(100_000).build();
  /** Per member ({@code chat:user}), the last report still waiting (for a photo), guarded by itself. */
  private final Map<String, CompletableFuture<Void>> pending = new HashMap<>();

  MemberEvents(TelegramClient client, MemberWatch watch, PhotoBudget photos) {
    this.client = client;
    this.watch = watch;
    this.photos = photos;
  }

  MemberWatch watch() {
    return watch;
  }

  /** The bot's own membership changed: made an administrator (or added as one), it watches the joins. */
  void onMyChatMember(ChatMemberUpdated u) {
    if (!isGroup(u.getChat()) || u.getNewChatMember() == null) {
      return;
    }
    long chat = u.getChat().getId();
    String status = u.getNewChatMember().getStatus();
    if (status.equals("administrator") || status.equals("creator")) {
      watched.put(chat, true);
      watch.watching(PLATFORM, Long.toString(chat), at(u.getDate()));
    } else {
      // A plain member (or gone): Telegram sends it no chat_member updates; /members says so.
      watched.invalidate(chat);
    }
  }

  /** A member's status changed: joining (from left or kicked) or leaving (or removed). */
  void onChatMember(ChatMemberUpdated u) {
    if (!isGroup(u.getChat()) || u.getNewChatMember() == null || u.getNewChatMember().getUser() == null) {
      return;
    }
    long chat = u.getChat().getId();
    Instant at = at(u.getDate());
    if (watched.getIfPresent(chat) == null) {
      // An administrator since before this run (or before member audits): it watches from the first join it sees.
      watched.put(chat, true);
      watch.watching(PLATFORM, Long.toString(chat), at);
    }
    boolean was = isMember(u.getOldChatMember());
    boolean is = isMember(u.getNewChatMember());
    User user = u.getNewChatMember().getUser();
    String community = Long.toString(chat);
    String id = Long.toString(user.getId());
    if (!was && is) {
      Member seen = new Member(id, at, null, null, Boolean.TRUE.equals(user.getIsBot()), null);
      if (photos.tryTake()) {
        inOrder(key(chat, user.getId()), () -> hasPhoto(user.getId()).handle((has, error) -> {
          watch.joined(PLATFORM, community, error == null ? withAvatar(seen, has) : seen);
          return null;
        }));
      } else {
        inOrder(key(chat, user.getId()), () -> {
          watch.joined(PLATFORM, community, seen);
          return DONE;
        });
      }
    } else if (was && !is) {
      inOrder(key(chat, user.getId()), () -> {
        watch.left(PLATFORM, community, id, at);
        return DONE;
      });
    }
  }

  /** A message in a group: its sender was active then. Counted, never read. */
  void onMessage(Message msg) {
    if (msg == null || !isGroup(msg.getChat()) || msg.getFrom() == null || msg.getSenderChat() != null) {
      return; // a channel's post or an anonymous administrator: no member to count
    }
    long chat = msg.getChatId();
    long user = msg.getFrom().getId();
    Instant at = msg.getDate() == null ? Instant.now() : at(msg.getDate());
    inOrder(key(chat, user), () -> {
      watch.active(PLATFORM, Long.toString(chat), Long.toString(user), at);
      return DONE;
    });
  }

  /**
   * Completes when every report for {@code chat} that waits for a photo has been handed to the watch (at most
   * {@link #PHOTO_WAIT} later): an audit then counts every join the bot received before it was asked.
   */
  CompletableFuture<Void> settled(long chat) {
    String prefix = chat + ":";
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    synchronized (pending) {
      pending.forEach((k, f) -> {
        if (k.startsWith(prefix)) {
          waiting.add(f);
        }
      });
    }
    return CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new));
  }

  /**
   * Runs {@code report} now when nothing waits for this member, else after what waits; reports that wait (for a
   * photo) are remembered until done. {@code report} never blocks: it hands its work to the watch or to the
   * HTTP client.
   */
  private void inOrder(String key, Supplier<CompletableFuture<?>> report) {
    CompletableFuture<Void> next;
    synchronized (pending) {
      CompletableFuture<Void> before = pending.get(key);
      if (before == null) {
        CompletableFuture<?> now = safely(report);
        if (now.isDone()) {
          return;
        }
        next = now.handle((v, e) -> null);
      } else {
        next = before.thenCompose(v -> safely(report)).handle((v, e) -> null);
      }
      pending.put(key, next);
    }
    next.whenComplete((v, e) -> {
      synchronized (pending) {
        pending.remove(key, next);
      }
    });
  }

  private static CompletableFuture<?> safely(Supplier<CompletableFuture<?>> report) {
    try {
      return report.get();
    } catch (RuntimeException e) {
      LOG.warn("a member event was not reported: {}", e.toString());
      return DONE;
    }
  }

  /** Whether Telegram shows the user a profile photo (a photo hidden by the user's privacy settings is none). */
  private CompletableFuture<Boolean> hasPhoto(long userId) {
    GetUserProfilePhotos ask = new GetUserProfilePhotos(userId, 0, 1);
    return ReplyMessages.call(() -> client.executeAsync(ask))
        .thenApply(p -> p instanceof org.telegram.telegrambots.meta.api.objects.UserProfilePhotos photos
            && photos.getTotalCount() != null && photos.getTotalCount() > 0)
        .orTimeout(PHOTO_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Member withAvatar(Member m, boolean has) {
    return new Member(m.id(), m.joinedAt(), m.createdAt(), java.util.Optional.of(has), m.bot(), m.lastActiveAt(),
        m.pending());
  }

  /** In the group: its creator, an administrator, a member, or a restricted member still in it. */
  static boolean isMember(ChatMember m) {
    if (m == null) {
      return false;
    }
    return switch (m.getStatus()) {
      case "creator", "administrator", "member" -> true;
      case "restricted" -> m instanceof ChatMemberRestricted r && Boolean.TRUE.equals(r.getIsMember());
      default -> false; // left, kicked
    };
  }

  static boolean isGroup(Chat chat) {
    return chat != null && ("group".equals(chat.getType()) || "supergroup".equals(chat.getType()));
  }

  private static String key(long chat, long user) {
    return chat + ":" + user;
  }

  private static Instant at(Integer date) {
    return date == null ? Instant.now() : Instant.ofEpochSecond(date);
  }
}

package org.influencebot.telegram;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.command.Permissions;
import org.influencebot.core.command.Requester;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** Permissions: who asks, where, and what Telegram lets them do there. */
final class ChatPermissions {
  static final String PLATFORM = "telegram";

  private final TelegramClient client;
  private final TelegramOptions options;

  ChatPermissions(TelegramClient client, TelegramOptions options) {
    this.client = client;
    this.options = options;
  }

  /** Who sent a message, where, and what Telegram lets them do there. */
  Requester of(Message msg) {
    long chatId = msg.getChatId();
    User from = msg.getFrom();
    // An anonymous administrator writes as the group itself.
    boolean asTheGroup = msg.getSenderChat() != null && msg.getSenderChat().getId().equals(chatId);
    String user = from == null ? "chat" + chatId : Long.toString(from.getId());
    return new Requester(PLATFORM, user, Optional.of(Long.toString(chatId)), Long.toString(chatId),
        msg.isUserMessage(), permissions(chatId, from, msg.isUserMessage() || asTheGroup));
  }

  /** Who pressed a button under a message in a chat. */
  Requester inChat(User from, long chatId, boolean inPrivate) {
    return new Requester(PLATFORM, Long.toString(from.getId()), Optional.of(Long.toString(chatId)),
        Long.toString(chatId), inPrivate, permissions(chatId, from, inPrivate));
  }

  /** A user in inline mode, or under a message sent through it: in no chat the bot knows, so no chat settings. */
  static Requester inline(User from) {
    return new Requester(PLATFORM, Long.toString(from.getId()), Optional.empty(), "inline", false, Permissions.member());
  }

  /**
   * What the sender may do: in a private chat the user is its own moderator; in a group, its creator
   * and administrators (asked of Telegram when it matters, so a demoted administrator loses the right
   * at once), and an anonymous administrator writing as the group.
   */
  private Permissions permissions(long chatId, User from, boolean moderatorAlready) {
    boolean owner = isOwner(from);
    return new Permissions() {
      @Override
      public CompletableFuture<Boolean> moderator() {
        if (moderatorAlready) {
          return CompletableFuture.completedFuture(true);
        }
        if (from == null) {
          return CompletableFuture.completedFuture(false);
        }
        GetChatMember ask = GetChatMember.builder().chatId(chatId).userId(from.getId()).build();
        return ReplyMessages.call(() -> client.executeAsync(ask)).thenApply(member -> {
          String status = member instanceof ChatMember cm ? cm.getStatus() : "";
          return status.equals("creator") || status.equals("administrator");
        });
      }

      @Override
      public boolean owner() {
        return owner;
      }
    };
  }

  private boolean isOwner(User user) {
    return user != null && options.owner().isPresent() && options.owner().getAsLong() == user.getId();
  }
}

package org.influencebot.telegram;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.members.MemberAuditText;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * A member audit as Telegram shows it. In the group, aggregates only: the chart of joins (waves marked) as a
 * photo whose caption holds the first lines of the audit, the rest in text messages after it, all quoting the
 * question; without a chart, text alone. With {@code /members list}, the members by id go to the asking
 * administrator's private chat (a message, or a {@code .tsv} document when longer than one), never the group;
 * when Telegram refuses (403: the administrator never started the bot, or blocked it), the group is told in one
 * sentence how to get it.
 */
final class MemberReplies {
  private static final Logger LOG = LoggerFactory.getLogger(MemberReplies.class);
  /** The user Telegram shows as the sender of an anonymous administrator's messages (GroupAnonymousBot). */
  static final long ANONYMOUS_ADMIN = 1087968824L;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final TelegramClient client;
  private final TelegramHtml html;
  private final PacedSender sender;
  private final BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joinsChart;
  private final String shownBotName;

  /**
   * @param joinsChart the chart of joins over time with the waves marked, in the reader's language, as PNG bytes,
   *     or empty (sent as a photo when present)
   */
  MemberReplies(TelegramClient client, TelegramHtml html, PacedSender sender,
      BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joinsChart, String shownBotName) {
    this.client = client;
    this.html = html;
    this.sender = sender;
    this.joinsChart = joinsChart;
    this.shownBotName = shownBotName;
  }

  /** Sends the audit to the group and, when asked, the list to the asker alone. */
  void send(ChatAnswer.MemberAudit answer, long chatId, Optional<Long> userId, SendSchedule.Kind kind,
      Integer replyTo) {
    Reply.MemberAuditReply reply = answer.reply();
    Messages m = answer.m();
    List<String> lines = html.lines(reply, m);
    Optional<byte[]> chart = draw(reply.audit().report(), m);
    List<PacedSender.Request> requests = new ArrayList<>();
    List<String> rest = lines;
    if (chart.isPresent()) {
      int k = 0;
      int length = -1;
      while (k < lines.size() && length + 1 + lines.get(k).length() <= TelegramHtml.CAPTION_LIMIT) {
        length += 1 + lines.get(k).length();
        k++;
      }
      String caption = k == 0 ? TelegramHtml.shorten(lines.get(0), TelegramHtml.CAPTION_LIMIT)
          : String.join("\n", lines.subList(0, k)).strip();
      rest = lines.subList(Math.max(1, k), lines.size());
      byte[] png = chart.get();
      requests.add(new PacedSender.Request("sendPhoto (member audit) to chat " + chatId,
          () -> photo(chatId, png, caption, replyTo)));
    }
    if (!rest.isEmpty()) {
      for (String text : TelegramHtml.split(rest, TelegramHtml.MESSAGE_LIMIT)) {
        Integer quote = requests.isEmpty() ? replyTo : null;
        requests.add(new PacedSender.Request("sendMessage (member audit) to chat " + chatId,
            () -> message(chatId, text, quote)));
      }
    }
    offer(chatId, kind, requests, m, replyTo);
    if (reply.list()) {
      sendList(reply.audit().report(), m, answer.chatTitle(), chatId, userId, kind, replyTo);
    }
  }

  /** The members' list, by id, to the asker's private chat; a sentence in the group when it cannot go. */
  private void sendList(MemberAuditReport report, Messages m, Optional<String> title, long chatId,
      Optional<Long> userId, SendSchedule.Kind groupKind, Integer replyTo) {
    if (userId.isEmpty() || userId.get() == ANONYMOUS_ADMIN) {
      notice(chatId, groupKind, TelegramHtml.escape(m.get("telegram.members.anonymous")), replyTo);
      return;
    }
    long user = userId.get();
    List<String> list = MemberAuditText.list(report, m);
    String rows = String.join("\n", list.subList(Math.min(1, list.size()), list.size()));
    String day = DAY.format(report.now());
    String caption = TelegramHtml.escape(m.get("telegram.members.listCaption", title.orElse(Long.toString(chatId)),
        day));
    String text = caption + (rows.isEmpty() ? "" : "\n<pre>" + TelegramHtml.escapeCode(rows) + "</pre>");
    PacedSender.Request send;
    if (text.length() <= TelegramHtml.MESSAGE_LIMIT) {
      send = new PacedSender.Request("sendMessage (members' list) to chat " + user, () -> message(user, text, null));
    } else {
      byte[] file = ("id\tjoined\tscore\twave\n" + rows + "\n").getBytes(StandardCharsets.UTF_8);
      String name = "members-" + chatId + "-" + day + ".tsv";
      send = new PacedSender.Request("sendDocument (members' list) to chat " + user,
          () -> document(user, file, name, caption));
    }
    PacedSender.Request guarded = new PacedSender.Request(send.what(), () -> send.send().get()
        .whenComplete((ok, error) -> {
          if (error != null && Delivery.forbidden(error)) {
            cannotWrite(chatId, groupKind, m, replyTo);
          }
        }));
    if (!sender.offer(Delivery.lane(user), SendSchedule.Kind.PRIVATE, ReplyMessages.one(guarded))) {
      notice(chatId, groupKind, TelegramHtml.escape(m.get("telegram.queueFull")), replyTo);
    }
  }

  /** "Open a chat with the bot and press Start": the bot's name as a link to its chat, never a mention. */
  private void cannotWrite(long chatId, SendSchedule.Kind kind, Messages m, Integer replyTo) {
    String name = "@" + TelegramHtml.WORD_JOINER + TelegramHtml.escape(shownBotName);
    String text = TelegramHtml.escape(m.get("telegram.members.cannotWrite", shownBotName))
        .replace(name, "<a href=\"https://t.me/" + TelegramHtml.escapeCode(shownBotName) + "\">" + name + "</a>");
    notice(chatId, kind, text, replyTo);
  }

  private void offer(long chatId, SendSchedule.Kind kind, List<PacedSender.Request> requests, Messages m,
      Integer replyTo) {
    if (!sender.offer(Delivery.lane(chatId), kind, requests)) {
      notice(chatId, kind, TelegramHtml.escape(m.get("telegram.queueFull")), replyTo);
    }
  }

  private void notice(long chatId, SendSchedule.Kind kind, String html, Integer replyTo) {
    if (!sender.offerNotice(Delivery.lane(chatId), kind, new PacedSender.Request("member-audit notice to chat "
        + chatId, () -> message(chatId, html, replyTo)))) {
      LOG.warn("outgoing queue full: could not send a member-audit notice to chat {}", chatId);
    }
  }

  /** The chart, or none when there is none to draw or drawing failed (the audit goes out without it). */
  private Optional<byte[]> draw(MemberAuditReport report, Messages m) {
    try {
      return joinsChart.apply(report, m);
    } catch (RuntimeException e) {
      LOG.warn("the joins chart could not be drawn: {}", e.toString());
      return Optional.empty();
    }
  }

  private CompletableFuture<?> photo(long chatId, byte[] png, String caption, Integer replyTo) {
    // A fresh stream at each attempt: a 429 sends it again.
    SendPhoto photo = SendPhoto.builder().chatId(chatId).photo(new InputFile(new ByteArrayInputStream(png), "joins.png"))
        .caption(caption).parseMode(ParseMode.HTML).build();
    photo.setCaptionEntities(null); // an empty list would be sent, and entities read instead of parse_mode
    if (replyTo != null) {
      photo.setReplyParameters(Delivery.quoting(replyTo));
    }
    return ReplyMessages.call(() -> client.executeAsync(photo));
  }

  private CompletableFuture<?> document(long chatId, byte[] file, String name, String caption) {
    SendDocument doc = SendDocument.builder().chatId(chatId)
        .document(new InputFile(new ByteArrayInputStream(file), name)).caption(caption).parseMode(ParseMode.HTML)
        .build();
    doc.setCaptionEntities(null);
    return ReplyMessages.call(() -> client.executeAsync(doc));
  }

  private CompletableFuture<?> message(long chatId, String text, Integer replyTo) {
    SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chatId).text(text).parseMode(ParseMode.HTML)
        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
    if (replyTo != null) {
      b.replyParameters(Delivery.quoting(replyTo));
    }
    return ReplyMessages.call(() -> client.executeAsync(b.build()));
  }
}

package org.influencebot.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.chart.ChartCache;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * A reply as Telegram shows it: <b>one message</b>. A summary or a comparison with a chart is a photo
 * whose caption is the summary (within Telegram's 1,024 characters); without a chart (charts off, or
 * none drawable) it is a text message. The Details and Refresh buttons edit that message in place: its
 * caption, its picture (a refreshed summary, a new chart) or its text. A chart uploaded once is sent
 * again by the {@code file_id} Telegram gave it, as long as the summary it shows is unchanged.
 */
final class ReplyMessages {
  /** Charts Telegram already holds, by what they show: the summary (or pair) and the language. */
  private final Cache<ChartKey, String> fileIds = Caffeine.newBuilder().maximumSize(2_000).build();
  private final TelegramClient client;
  private final TelegramHtml html;
  private final ChartCache charts;

  private record ChartKey(Summary first, Summary second, String language) {}

  /** Where a message is: a chat's message, or a message sent through inline mode. */
  record Target(Long chatId, Integer messageId, String inlineMessageId) {
    static Target chat(long chatId, int messageId) {
      return new Target(chatId, messageId, null);
    }

    static Target inline(String inlineMessageId) {
      return new Target(null, null, inlineMessageId);
    }
  }

  /** @param charts the core's charts (drawn in the reader's language, once per summary), or none */
  ReplyMessages(TelegramClient client, TelegramHtml html, ChartCache charts) {
    this.client = client;
    this.html = html;
    this.charts = charts;
  }

  /** The chart of a reply, and the file_id Telegram holds for it when it was uploaded already. */
  private record Chart(ChartKey key, Supplier<Optional<byte[]>> png) {}

  private Optional<Chart> chartOf(Reply reply, Messages m) {
    String language = m.locale().getLanguage();
    if (reply instanceof Reply.SummaryReply s) {
      Summary summary = s.lookup().summary();
      return Optional.of(new Chart(new ChartKey(summary, null, language), () -> charts.summary(summary, m)));
    }
    if (reply instanceof Reply.CompareReply c) {
      Summary a = c.first().summary();
      Summary b = c.second().summary();
      return Optional.of(new Chart(new ChartKey(a, b, language), () -> charts.compare(a, b, m)));
    }
    return Optional.empty();
  }

  /**
   * A chart ready to send: drawn now (on the caller's thread, never the sender's) unless Telegram holds
   * it already; empty when there is no chart to show.
   */
  private Optional<Drawn> draw(Optional<Chart> chart) {
    if (chart.isEmpty()) {
      return Optional.empty();
    }
    if (fileIds.getIfPresent(chart.get().key()) != null) {
      return Optional.of(new Drawn(chart.get(), Optional.empty()));
    }
    return chart.get().png().get().map(png -> new Drawn(chart.get(), Optional.of(png)));
  }

  /** A chart and, unless Telegram held it when the reply was prepared, its PNG. */
  private record Drawn(Chart chart, Optional<byte[]> png) {}

  /** The picture to send now: the file_id Telegram knows (perhaps learnt since), else the PNG to upload. */
  private InputFile picture(Drawn drawn) {
    String known = fileIds.getIfPresent(drawn.chart().key());
    if (known != null || drawn.png().isEmpty()) {
      return new InputFile(known);
    }
    return new InputFile(new ByteArrayInputStream(drawn.png().get()), "chart.png");
  }

  /** Remembers the file_id of an uploaded chart from the message Telegram returned. */
  private void remember(Chart chart, Object sent) {
    if (sent instanceof Message message && message.hasPhoto()) {
      message.getPhoto().stream().max(Comparator.comparing(PhotoSize::getWidth))
          .ifPresent(p -> fileIds.put(chart.key(), p.getFileId()));
    }
  }

  /** The file_id of a reply's chart, if Telegram holds it already (inline mode shows it as a cached photo). */
  Optional<String> knownChart(Reply reply, Messages m) {
    return chartOf(reply, m).map(c -> fileIds.getIfPresent(c.key()));
  }

  /**
   * The one request that sends {@code reply} to a chat, quoting {@code replyTo} when not null, with
   * {@code keyboard} (may be null) under it.
   */
  PacedSender.Request send(long chatId, Integer replyTo, Reply reply, Messages m, InlineKeyboardMarkup keyboard) {
    Optional<Drawn> chart = draw(chartOf(reply, m));
    return new PacedSender.Request("send to chat " + chatId, () -> {
      if (chart.isPresent()) {
        // A fresh stream at each attempt (a 429 sends it again), or the file_id once Telegram holds it.
        SendPhoto photo = SendPhoto.builder().chatId(chatId).photo(picture(chart.get()))
            .caption(html.caption(reply, m)).parseMode(ParseMode.HTML).replyMarkup(keyboard).build();
        photo.setCaptionEntities(null); // an empty list would be sent, and entities read instead of parse_mode
        if (replyTo != null) {
          photo.setReplyParameters(quoting(replyTo));
        }
        return call(() -> client.executeAsync(photo)).thenApply(sent -> {
          remember(chart.get().chart(), sent);
          return sent;
        });
      }
      SendMessage.SendMessageBuilder<?, ?> text = SendMessage.builder().chatId(chatId)
          .text(html.renderOne(reply, m, TelegramHtml.MESSAGE_LIMIT)).parseMode(ParseMode.HTML)
          .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).replyMarkup(keyboard);
      if (replyTo != null) {
        text.replyParameters(quoting(replyTo));
      }
      return call(() -> client.executeAsync(text.build()));
    });
  }

  /**
   * The one request that turns the message at {@code target} into {@code reply}. A photo message gets a
   * new caption when its picture still shows this chart ({@code shownFileId}, read from the pressed
   * message), else a new picture and caption (a refreshed summary: its chart, by file_id once uploaded);
   * a text message gets a new text. "Message is not modified" (the same summary again) is no failure.
   */
  PacedSender.Request edit(Target target, Optional<String> shownFileId, boolean isPhoto, Reply reply, Messages m,
      InlineKeyboardMarkup keyboard) {
    Optional<Chart> wanted = isPhoto ? chartOf(reply, m) : Optional.empty();
    // The picture shown is this chart already: only the caption changes, nothing to draw.
    boolean sameChart = wanted.map(c -> fileIds.getIfPresent(c.key())).filter(id -> shownFileId.filter(id::equals)
        .isPresent()).isPresent();
    Optional<Drawn> chart = sameChart ? Optional.empty() : draw(wanted);
    return new PacedSender.Request("edit in chat " + target.chatId(), () -> {
      CompletableFuture<?> edited;
      if (!isPhoto) {
        EditMessageText e = EditMessageText.builder().chatId(target.chatId()).messageId(target.messageId())
            .inlineMessageId(target.inlineMessageId()).text(html.renderOne(reply, m, TelegramHtml.MESSAGE_LIMIT))
            .parseMode(ParseMode.HTML).linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
            .replyMarkup(keyboard).build();
        edited = call(() -> client.executeAsync(e));
      } else {
        String caption = html.caption(reply, m);
        if (chart.isEmpty()) {
          EditMessageCaption e = EditMessageCaption.builder().chatId(target.chatId()).messageId(target.messageId())
              .inlineMessageId(target.inlineMessageId()).caption(caption).parseMode(ParseMode.HTML)
              .replyMarkup(keyboard).build();
          e.setCaptionEntities(null);
          edited = call(() -> client.executeAsync(e));
        } else {
          InputFile picture = picture(chart.get());
          InputMediaPhoto media = picture.isNew()
              ? new InputMediaPhoto(picture.getNewMediaStream(), picture.getMediaName())
              : new InputMediaPhoto(picture.getAttachName());
          media.setCaption(caption);
          media.setParseMode(ParseMode.HTML);
          media.setCaptionEntities(null);
          EditMessageMedia e = EditMessageMedia.builder().chatId(target.chatId()).messageId(target.messageId())
              .inlineMessageId(target.inlineMessageId()).media(media).replyMarkup(keyboard).build();
          edited = call(() -> client.executeAsync(e)).thenApply(sent -> {
            remember(chart.get().chart(), sent);
            return sent;
          });
        }
      }
      return edited.handle((done, error) -> {
        if (error != null && !notModified(error)) {
          throw error instanceof java.util.concurrent.CompletionException c ? c
              : new java.util.concurrent.CompletionException(error);
        }
        return done;
      });
    });
  }

  private static boolean notModified(Throwable error) {
    Throwable e = error;
    while (e != null && !(e instanceof TelegramApiRequestException)) {
      e = e.getCause();
    }
    return e instanceof TelegramApiRequestException r && r.getApiResponse() != null
        && r.getApiResponse().contains("message is not modified");
  }

  private static ReplyParameters quoting(int messageId) {
    return ReplyParameters.builder().messageId(messageId).allowSendingWithoutReply(true).build();
  }

  /** A Bot API call that may throw before it is sent (a request TelegramBots refuses to build). */
  interface ApiCall {
    CompletableFuture<?> run() throws TelegramApiException;
  }

  /** The call's future; a call that throws before sending is a failed future, like one Telegram refused. */
  static CompletableFuture<?> call(ApiCall call) {
    try {
      return call.run();
    } catch (TelegramApiException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static List<PacedSender.Request> one(PacedSender.Request request) {
    List<PacedSender.Request> list = new ArrayList<>(1);
    list.add(request);
    return list;
  }
}

package org.influencebot.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.influencebot.core.command.Answer;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.SummaryView;
import org.influencebot.core.text.Clip;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedPhoto;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Inline mode ({@code @TheBot alice} in any chat): the core's {@link Command.Inline} (its limit, its
 * lookup, its errors), shown as one result: the chart as a cached photo when Telegram holds it, else an
 * article. While what is typed is no handle yet, no result.
 */
final class InlineMode {
  private static final Logger LOG = LoggerFactory.getLogger(InlineMode.class);
  static final int INLINE_RESULTS_LIMIT = 50;

  private final TelegramClient client;
  private final CommandRunner runner;
  private final TelegramHtml html;
  private final PacedSender sender;
  private final ReplyMessages replies;
  private final Delivery delivery;
  private final Executor work;
  private final Clock clock;

  InlineMode(TelegramClient client, CommandRunner runner, TelegramHtml html, PacedSender sender, ReplyMessages replies,
      Delivery delivery, Executor work, Clock clock) {
    this.client = client;
    this.runner = runner;
    this.html = html;
    this.sender = sender;
    this.replies = replies;
    this.delivery = delivery;
    this.work = work;
    this.clock = clock;
  }

  /** Answers on the work threads: the limit may live in Redis, and the polling (or webhook) thread never waits. */
  void onQuery(InlineQuery query) {
    try {
      work.execute(() -> {
        try {
          answer(query);
        } catch (RuntimeException e) {
          LOG.error("could not answer inline query {}", query.getId(), e);
          answerInline(query.getId(), List.of());
        }
      });
    } catch (RejectedExecutionException e) {
      answerInline(query.getId(), List.of(article(new Reply.ErrorReply(Reply.ErrorKind.BUSY, Text.of("error.busy")),
          UpdateRouter.messages(query.getFrom()))));
    }
  }

  private void answer(InlineQuery query) {
    String typed = query.getQuery() == null ? "" : query.getQuery();
    Answer answer = runner.answer(new Command.Inline(typed), ChatPermissions.inline(query.getFrom()));
    Messages m = answer.messages(UpdateRouter.messages(query.getFrom()));
    answer.reply().thenAcceptAsync(r -> {
      // Not yet one handle (typing letter by letter): no result, no sentence.
      boolean typing = r instanceof Reply.ErrorReply e && e.kind() == Reply.ErrorKind.BAD_INPUT;
      answerInline(query.getId(), typing ? List.of() : List.of(result(r, m)));
    }, work).exceptionally(error -> {
      LOG.error("could not answer an inline query", error);
      answerInline(query.getId(), List.of(article(CommandRunner.toError(error), m)));
      return null;
    });
  }

  /**
   * The inline result for a reply: its chart as a cached photo (the picture is the thumbnail, the
   * summary its caption) when Telegram holds the chart already, else an article; a summary carries its
   * buttons either way.
   */
  private InlineQueryResult result(Reply reply, Messages m) {
    if (reply instanceof Reply.SummaryReply s) {
      Optional<String> photo = replies.knownChart(reply, m);
      if (photo.isPresent()) {
        SummaryView v = SummaryView.of(s.lookup(), m, clock);
        InlineQueryResultCachedPhoto cached = InlineQueryResultCachedPhoto.builder()
            .id("p" + Integer.toHexString(s.lookup().summary().handle().key().hashCode()))
            .photoFileId(photo.get()).title(Clip.clip(v.title(), 256)).description(Clip.clip(v.headline(), 512))
            .caption(html.caption(reply, m)).parseMode(ParseMode.HTML).replyMarkup(delivery.keyboard(s, m)).build();
        cached.setCaptionEntities(null);
        return cached;
      }
    }
    return article(reply, m);
  }

  private InlineQueryResultArticle article(Reply reply, Messages m) {
    String body = html.renderOne(reply, m, TelegramHtml.MESSAGE_LIMIT);
    String title;
    String description;
    String id;
    InlineKeyboardMarkup markup = null;
    if (reply instanceof Reply.SummaryReply s) {
      SummaryView v = SummaryView.of(s.lookup(), m, clock);
      title = v.title();
      description = v.headline();
      id = "s" + Integer.toHexString(s.lookup().summary().handle().key().hashCode());
      markup = delivery.keyboard(s, m);
    } else {
      title = m.get("telegram.inline.error");
      description = new PlainTextRenderer(clock).render(reply, m);
      id = "error";
    }
    return InlineQueryResultArticle.builder().id(id).title(Clip.clip(title, 256)).description(Clip.clip(description, 512))
        .inputMessageContent(InputTextMessageContent.builder().messageText(body).parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build())
        .replyMarkup(markup).build();
  }

  private void answerInline(String queryId, List<InlineQueryResult> results) {
    AnswerInlineQuery answer = AnswerInlineQuery.builder().inlineQueryId(queryId)
        .results(results.subList(0, Math.min(results.size(), INLINE_RESULTS_LIMIT)))
        .cacheTime(60).isPersonal(true).build();
    sender.offerNotice("answer:" + queryId, SendSchedule.Kind.ANSWER,
        new PacedSender.Request("answerInlineQuery", () -> ReplyMessages.call(() -> client.executeAsync(answer))));
  }
}

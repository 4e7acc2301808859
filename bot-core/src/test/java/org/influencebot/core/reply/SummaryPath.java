package org.influencebot.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.influencebot.core.HostileInput;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.chart.Charts;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.text.Messages;

/**
 * Account → {@link Analyzer} → every user-visible rendering ({@link SummaryView}, {@link PlainTextRenderer}
 * in both foci, short and detailed, compare, {@link ReplyJson}, {@link Charts}) in English and French, with
 * the checks a user's screen needs: bounded and no invisible character from input.
 */
final class SummaryPath {
  /** A reply longer than this would not fit a Telegram message or a Discord embed description. */
  static final int MAX_REPLY = 4_000;
  /** Each chart is documented as well under 200 KB. */
  static final int MAX_PNG = 200_000;

  private static final Clock CLOCK = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
  private static final Analyzer ANALYZER = new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), CLOCK);
  private static final PlainTextRenderer RENDERER = new PlainTextRenderer(CLOCK);

  private SummaryPath() {}

  static Summary analyze(Account account) {
    return ANALYZER.analyze(Handle.of("sample", "fuzz"), account, "sample");
  }

  /** Analyzes and renders {@code account} every way; returns the English detailed reply. */
  static String check(Account account) {
    return check(account, true);
  }

  static String check(Account account, boolean charts) {
    Summary summary = analyze(account);
    Lookup lookup = new Lookup(summary, false, false, Optional.empty());
    String english = null;
    for (Messages m : HostileInput.LANGUAGES) {
      SummaryView view = SummaryView.of(lookup, m, CLOCK);
      assertThat(view.keySignals()).isNotEmpty();
      for (Reply.Focus focus : Reply.Focus.values()) {
        for (boolean details : new boolean[] {false, true}) {
          String text = RENDERER.render(new Reply.SummaryReply(lookup, focus, details), m);
          checkText(text);
          if (details && focus == Reply.Focus.AUTHENTICITY && m == Messages.english()) {
            english = text;
          }
        }
      }
      checkText(RENDERER.render(new Reply.CompareReply(lookup, lookup, org.influencebot.core.text.Text.of("empty")), m));
      assertThat(ReplyJson.toJson(new Reply.SummaryReply(lookup, Reply.Focus.INFLUENCE, true), m, CLOCK).toString())
          .hasSizeLessThan(MAX_REPLY + 6 * org.influencebot.core.account.AccountJson.MAX_TEXT);
      if (charts) {
        assertThat(Charts.card(summary, m)).hasSizeLessThan(MAX_PNG);
        assertThat(Charts.summaryChart(summary, m).orElseThrow()).hasSizeLessThan(MAX_PNG);
        assertThat(Charts.compareChart(summary, summary, m)).hasSizeLessThan(MAX_PNG);
      }
    }
    return english;
  }

  static void checkText(String text) {
    assertThat(text.length()).as("reply length").isLessThanOrEqualTo(MAX_REPLY);
    HostileInput.assertNoInvisibleCharacters(text);
  }
}

package org.influencebot.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

/** The activity line says and scores only what the source knew: no invented "last post 30 days ago". */
class UnknownActivityTest {
  private static final Clock CLOCK = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
  private final Analyzer analyzer = new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), CLOCK);

  private Component activity(Account a) {
    return analyzer.analyze(Handle.of("twitter", a.handle()), a, "http").influence().component(Component.Kind.ACTIVITY);
  }

  @Test
  void anUnknownLastPostIsSaidToBeUnknownAndNotScoredAsAMonthAgo() {
    Account noLastPost = Account.builder("quiet").network("twitter").followers(1000).posts(600)
        .createdAt(SampleAccounts.OBSERVED.minus(Duration.ofDays(600))).build();
    Component c = activity(noLastPost);
    String line = Messages.english().format(c.explanation());
    assertThat(line).isEqualTo("About 30 posts per 30 days; the date of the last post is unknown.");
    assertThat(line).doesNotContain("days ago");
    // The score is the posting rate alone, the same as for an account whose last post was just now … at
    // most: an unknown date never counts as a month of silence.
    Account postedNow = noLastPost.toBuilder().lastPostAt(SampleAccounts.OBSERVED).build();
    assertThat(c.score().getAsInt()).isLessThanOrEqualTo(activity(postedNow).score().getAsInt());
    assertThat(Messages.forTag("fr").format(c.explanation())).contains("inconnue");
  }

  @Test
  void anUnknownRateIsSaidToBeUnknownAndNotShownAsZero() {
    Account onlyLast = Account.builder("ghost").network("twitter").followers(1000)
        .lastPostAt(SampleAccounts.OBSERVED.minus(Duration.ofDays(3))).build();
    String line = Messages.english().format(activity(onlyLast).explanation());
    assertThat(line).isEqualTo("Posting rate unknown; last post 3 days ago.");
    assertThat(line).doesNotContain("About 0");
  }
}

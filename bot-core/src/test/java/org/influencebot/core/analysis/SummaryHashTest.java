package org.influencebot.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.SampleAccounts;
import org.junit.jupiter.api.Test;

/**
 * A summary is a cache key (the charts, the rendered replies), so its hash must be cheap: it is taken from what
 * identifies it, never from the follower history, whose points are made again each time they are read.
 */
class SummaryHashTest {
  private final Analyzer analyzer = new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED),
      Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC));

  private Summary summary() {
    Account a = SampleAccounts.all().stream().filter(x -> x.handle().equals("mid_creator")).findFirst().orElseThrow();
    return analyzer.analyze(Handle.of("sample", "mid_creator"), a, "test");
  }

  @Test
  void equalSummariesHashAlikeWithoutReadingTheirHistory() {
    Summary s = summary();
    Summary same = summary();
    assertThat(same).isNotSameAs(s).isEqualTo(s);
    assertThat(same.hashCode()).isEqualTo(s.hashCode());

    // Another history is another summary (equality reads everything), but the same hash: hashing does not walk
    // the history, whose points and dates would each be made again from the compact arrays.
    List<FollowerPoint> points = new ArrayList<>(s.followerHistory());
    assertThat(points).isNotEmpty();
    points.set(0, new FollowerPoint(points.get(0).at(), points.get(0).followers() + 1));
    Summary differentHistory = new Summary(s.handle(), s.displayName(), s.influence(), s.authenticity(), points,
        s.sampledFollowers(), s.sampledPosts(), s.source(), s.scorer(), s.computedAt(), s.trend());
    assertThat(differentHistory).isNotEqualTo(s);
    assertThat(differentHistory.hashCode()).isEqualTo(s.hashCode());
  }
}

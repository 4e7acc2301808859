package org.influencebot.core.chart;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.source.SampleSource;

/** Real summaries of the sample accounts, computed once, by handle. */
final class ChartFixtures {
  private static final Map<String, Summary> SAMPLES = analyze();

  private ChartFixtures() {}

  static Map<String, Summary> samples() {
    return SAMPLES;
  }

  static Summary sample(String handle) {
    Summary s = SAMPLES.get(handle);
    if (s == null) {
      throw new IllegalArgumentException("no sample account " + handle + " in " + SAMPLES.keySet());
    }
    return s;
  }

  /** The summary of {@code handle} with another display name and follower history. */
  static Summary renamed(Summary s, Handle handle, Optional<String> displayName) {
    return new Summary(handle, displayName, s.influence(), s.authenticity(), s.followerHistory(),
        s.sampledFollowers(), s.sampledPosts(), s.source(), s.scorer(), s.computedAt());
  }

  static Summary withHistory(Summary s, List<org.influencebot.core.account.FollowerPoint> history) {
    return new Summary(s.handle(), s.displayName(), s.influence(), s.authenticity(), history,
        s.sampledFollowers(), s.sampledPosts(), s.source(), s.scorer(), s.computedAt());
  }

  private static Map<String, Summary> analyze() {
    Analyzer analyzer = new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED),
        Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC));
    Map<String, Summary> out = new LinkedHashMap<>();
    for (Account a : new SampleSource().accounts()) {
      Handle handle = Handle.of("sample", a.handle());
      out.put(a.handle(), analyzer.analyze(handle, a, "sample"));
    }
    return out;
  }
}

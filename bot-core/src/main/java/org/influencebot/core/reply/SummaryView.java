package org.influencebot.core.reply;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.influencebot.core.analysis.Authenticity;
import org.influencebot.core.analysis.Component;
import org.influencebot.core.analysis.FollowerAudit;
import org.influencebot.core.analysis.InfluenceScore;
import org.influencebot.core.analysis.Signal;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Verdict;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Messages;

/**
 * A summary put into words in one language, ready for any platform to lay out: a title, a headline,
 * the followers line, rows for components and signals, and a footer. Text is plain (no markup):
 * adapters escape it for their platform.
 */
public record SummaryView(String title, String headline, String followers, String verdict, Verdict verdictKind,
    List<Row> components, List<Row> signals, String missing, String footer) {

  /** A labelled score with its one-line explanation; score is "–" when not assessed. */
  public record Row(String label, String score, String text) {}

  public static SummaryView of(Lookup lookup, Messages m, Clock clock) {
    Summary s = lookup.summary();
    InfluenceScore inf = s.influence();
    Authenticity auth = s.authenticity();
    String title = s.handle().display() + s.displayName().flatMap(ShownName::of).map(n -> " · " + n).orElse("");
    String influence = score(inf.score());
    String authenticity = score(auth.score());
    String verdict = m.get(auth.verdict().key());
    String headline = m.get("summary.headline", influence, authenticity, verdict, m.get(auth.confidence().key()))
        + s.trend().map(t -> " " + m.get("summary.trend", t.influenceChange(), t.authenticityChange(), t.days())).orElse("");
    String followers = followersLine(inf, auth, m);
    List<Row> components = new ArrayList<>();
    for (Component c : inf.components()) {
      components.add(new Row(m.get(c.kind().key()), score(c.score()), m.format(c.explanation())));
    }
    List<Row> signals = new ArrayList<>();
    for (Signal sig : auth.signals()) {
      signals.add(new Row(m.get(sig.kind().key()), score(sig.score()), m.format(sig.evidence())));
    }
    String missing = auth.missingInputs().isEmpty() ? ""
        : m.get("summary.missing", String.join(", ", auth.missingInputs().stream().map(m::get).toList()));
    String sampled = m.get("summary.sampled", s.sampledFollowers(), s.sampledPosts(), s.source(), s.scorer());
    String footer = m.format(lookup.freshness(clock)) + " " + sampled;
    return new SummaryView(title, headline, followers, verdict, auth.verdict(), components, signals, missing, footer);
  }

  /**
   * The signals a short reply shows: the follower audit (aggregate claims are the sturdiest, so they
   * lead), then the lowest-scoring other assessed signal when it is below 75.
   */
  public List<Row> keySignals() {
    List<Row> out = new ArrayList<>();
    out.add(signals.get(0));
    signals.stream().skip(1).filter(r -> !r.score().equals("–"))
        .min(Comparator.comparingInt(r -> Integer.parseInt(r.score())))
        .filter(r -> Integer.parseInt(r.score()) < 75)
        .ifPresent(out::add);
    return out;
  }

  /** Followers, and how many look authentic with the interval, or at most how many when part was not measured. */
  private static String followersLine(InfluenceScore inf, Authenticity auth, Messages m) {
    if (inf.followers().isEmpty()) {
      return m.get("summary.followers.unknown");
    }
    String all = m.number(inf.followers().getAsLong());
    Optional<FollowerAudit> audit = auth.audit();
    if (inf.authenticFollowers().isPresent()) {
      String authentic = m.number(inf.authenticFollowers().getAsLong());
      return audit.isPresent() && audit.get().authenticLow().isPresent()
          ? m.get("summary.followers.range", all, authentic, m.number(audit.get().authenticLow().getAsLong()),
              m.number(audit.get().authenticHigh().getAsLong()))
          : m.get("summary.followers", all, authentic);
    }
    OptionalLong atMost = audit.map(FollowerAudit::authenticHigh).orElse(OptionalLong.empty());
    return atMost.isPresent() && atMost.getAsLong() < inf.followers().getAsLong()
        ? m.get("summary.followers.partial", all, m.number(atMost.getAsLong()))
        : m.get("summary.followers.raw", all);
  }

  private static String score(OptionalInt score) {
    return score.isPresent() ? Integer.toString(score.getAsInt()) : "–";
  }
}

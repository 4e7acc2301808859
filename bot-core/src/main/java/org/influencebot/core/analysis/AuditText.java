package org.influencebot.core.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.FollowerAudit.Basis;
import org.influencebot.core.analysis.FollowerAudit.Stratum;
import org.influencebot.core.quantify.Abstention;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.text.Text;

/** The follower audit's evidence in words: the whole audience, then each stratum and how it was measured. */
final class AuditText {
  private AuditText() {}

  static Text evidence(FollowerAudit a) {
    Stratum first = a.strata().get(0);
    Text text;
    if (first.basis() == Basis.SAMPLE && first.offset().isEmpty()) {
      ShareEstimate e = first.estimate().orElseThrow();
      String how = a.method().isPresent() ? "audit.random" : "audit.unknown_method";
      text = Text.of(how, pct(first.share().getAsDouble()), pct(first.low()), pct(first.high()), e.sampleSize(),
          e.assessed());
    } else {
      text = a.share().isPresent()
          ? Text.of("audit.whole", pct(a.share().getAsDouble()), pct(a.low()), pct(a.high()))
          : Text.of("audit.partial", pct(a.low()), pct(a.high()));
      for (Stratum s : a.strata()) {
        if (s.basis() == Basis.SAMPLE) {
          text = join(text, sample(s, a));
        }
      }
      text = deeper(text, a);
      for (Stratum s : a.strata()) {
        if (!s.sampled()) {
          text = join(text, rest(s));
        }
      }
    }
    if (!a.drivers().isEmpty() && pct(a.sampledShare().orElse(0)) >= 1) {
      text = join(text, list("audit.drivers", a.drivers(), ".plural"));
    }
    if (a.assessed() && a.reference().isPresent()) {
      text = join(text, yardstick(a.reference().get()));
    }
    return text;
  }

  /** What the share was measured against: the network's reference sample. */
  static Text yardstick(org.influencebot.core.reference.Reference.Summary r) {
    return Text.of("audit.against.reference", r.accounts(), NetworkName.of(Optional.of(r.network())),
        Text.of("reference.method." + r.method().wireName()),
        java.time.LocalDate.ofInstant(r.sampledAt(), java.time.ZoneOffset.UTC));
  }

  /** Why no sampled stratum could be judged. */
  static Text abstentions(FollowerAudit a) {
    return a.strata().stream().flatMap(s -> s.estimate().flatMap(ShareEstimate::abstention).stream())
        .findFirst().map(x -> reason(x, a)).orElse(Text.of("abstention.too_few_assessed"));
  }

  /** "{prefix}.one|two|three" with each key (plus {@code suffix}) as an argument. */
  static Text list(String prefix, List<String> keys, String suffix) {
    Object[] args = keys.stream().limit(3).map(k -> Text.of(k + suffix)).toArray();
    String n = switch (args.length) {
      case 1 -> "one";
      case 2 -> "two";
      default -> "three";
    };
    return new Text(prefix + "." + n, List.of(args));
  }

  private static Text sample(Stratum s, FollowerAudit a) {
    String method = a.method().map(Account.SampleMethod::wireName).orElse("unknown");
    Text label = Text.of("audit.label." + method, s.size());
    Optional<ShareEstimate> e = s.estimate();
    if (!s.measured()) {
      return Text.of("audit.not_judged", label, abstentions(a));
    }
    return Text.of("audit.measured", label, ofAudience(s.size(), a), e.map(ShareEstimate::assessed).orElse(0),
        pct(s.share().getAsDouble()), pct(s.low()), pct(s.high()));
  }

  /** The deeper runs, pooled into one sentence (plus one for runs that could not be judged). */
  private static Text deeper(Text text, FollowerAudit a) {
    long size = 0;
    int runs = 0;
    int judged = 0;
    double fakes = 0;
    double low = 0;
    double high = 0;
    int unjudged = 0;
    Optional<Abstention> why = Optional.empty();
    for (Stratum s : a.strata()) {
      if (s.basis() != Basis.DEEPER) {
        continue;
      }
      if (!s.measured()) {
        unjudged++;
        why = why.or(() -> s.estimate().flatMap(ShareEstimate::abstention));
        continue;
      }
      runs++;
      size += s.size();
      judged += s.estimate().map(ShareEstimate::assessed).orElse(0);
      fakes += s.share().getAsDouble() * s.size();
      low += s.low() * s.size();
      high += s.high() * s.size();
    }
    if (runs > 0) {
      text = join(text, Text.of("audit.deeper", size, runs, ofAudience(size, a), judged, pct(fakes / size),
          pct(low / size), pct(high / size)));
    }
    if (unjudged > 0) {
      text = join(text, Text.of("audit.deeper.not_judged", unjudged,
          why.map(x -> reason(x, a)).orElse(Text.of("abstention.too_few_assessed"))));
    }
    return text;
  }

  private static Text rest(Stratum s) {
    return switch (s.basis()) {
      case REST_FROM_DEEPER -> Text.of("audit.rest.deeper", s.size(), pct(s.share().getAsDouble()), pct(s.low()),
          pct(s.high()));
      case REST_FROM_HISTORY -> s.measured()
          ? Text.of("audit.rest.history", s.size(), pct(s.share().getAsDouble()), pct(s.low()), pct(s.high()))
          : Text.of("audit.rest.jumps", s.size(), pct(s.low()));
      default -> Text.of("audit.rest.none", s.size());
    };
  }

  private static Text ofAudience(long size, FollowerAudit a) {
    if (a.followers().isEmpty() || a.followers().getAsLong() == 0) {
      return Text.of("audit.of_audience.unknown");
    }
    double share = (double) size / a.followers().getAsLong();
    return share < 0.01 ? Text.of("audit.of_audience.small") : Text.of("audit.of_audience", pct(share));
  }

  static Text reason(Abstention x, FollowerAudit a) {
    return Text.of("abstention." + x.name().toLowerCase(Locale.ROOT), NetworkName.of(a.network()));
  }

  private static Text join(Text a, Text b) {
    return Text.of("text.join", a, b);
  }

  /** A share as a whole percentage for MessageFormat: 0.234 → 23. */
  static long pct(double share) {
    return Math.round(100 * share);
  }
}

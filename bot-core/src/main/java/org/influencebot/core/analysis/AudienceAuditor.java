package org.influencebot.core.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.account.FollowerStratum;
import org.influencebot.core.analysis.FollowerAudit.Basis;
import org.influencebot.core.analysis.FollowerAudit.Stratum;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.quantify.ShareEstimator;
import org.influencebot.core.quantify.Yardsticks;

/**
 * Estimates the fake share of a whole audience by strata (method in {@code docs/methodology.md},
 * "Follower audit"). A newest-first sample measures only the followers of its window; the followers no
 * sample read are estimated from deeper runs of the list when there are some, else from the follower
 * history (its jumps counted as bought, the rest at the rate of the sampled followers outside jumps), else
 * left unmeasured: then the whole audience gets no share, and its interval spans every share they could have.
 */
final class AudienceAuditor {
  private final Yardsticks yardsticks;
  private final int minOrganic;

  /**
   * {@code yardsticks}: how each network's followers are measured; {@code minOrganic}: fewest sampled
   * followers outside jumps whose rate may stand for the rest's.
   */
  AudienceAuditor(Yardsticks yardsticks, int minOrganic) {
    this.yardsticks = yardsticks;
    this.minOrganic = minOrganic;
  }

  /**
   * The audit, or empty when nothing was read and nothing is known of the follower history.
   *
   * @param jumps followers still in the audience that came in unexplained jumps ({@link #inJumps}), empty
   *     when the follower history is too short to tell
   */
  Optional<FollowerAudit> audit(Account account, OptionalLong jumps, Instant now, List<String> drivers) {
    boolean historyKnown = jumps.isPresent();
    Optional<String> network = networkOf(account);
    ShareEstimator estimator = yardsticks.forNetwork(network);
    List<Account> sample = account.followerSample();
    Optional<Account.SampleMethod> method = account.followerSampleMethod();
    boolean representsAll = !sample.isEmpty() && (method.isEmpty() || method.get() == Account.SampleMethod.RANDOM);
    OptionalLong followers = account.followers();
    long n = followers.orElse(-1);
    boolean knownAudience = n > 0;
    List<Stratum> strata = new ArrayList<>();
    String estimatorName = "";
    if (!sample.isEmpty()) {
      ShareEstimate e = estimator.estimate(sample, now);
      estimatorName = e.estimator();
      long size = representsAll ? (knownAudience ? n : sample.size())
          : (knownAudience ? Math.min(sample.size(), n) : sample.size());
      strata.add(stratum(representsAll ? OptionalLong.empty() : OptionalLong.of(0), size, Basis.SAMPLE, e));
    }
    if (!representsAll) {
      for (FollowerStratum run : account.followerStrata()) {
        long size = knownAudience ? Math.min(run.sample().size(), n - run.offset()) : run.sample().size();
        if (size <= 0) {
          continue;
        }
        ShareEstimate e = estimator.estimate(run.sample(), now);
        estimatorName = e.estimator();
        strata.add(stratum(OptionalLong.of(run.offset()), size, Basis.DEEPER, e));
      }
    }
    if (strata.isEmpty() && !(historyKnown && knownAudience)) {
      return Optional.empty();
    }
    if (representsAll) {
      Stratum all = strata.get(0);
      return Optional.of(new FollowerAudit(followers, strata, all.share(), all.low(), all.high(),
          all.measured() ? 1 : 0, estimatorName, method, drivers, network));
    }
    if (!knownAudience) {
      return Optional.of(new FollowerAudit(followers, strata, OptionalDouble.empty(), 0, 1, 0, estimatorName,
          method, drivers, network));
    }
    // Fakes counted in the measured windows (point, low, high), and how many followers they cover.
    double fakes = 0;
    double fakesLow = 0;
    double fakesHigh = 0;
    long covered = 0;
    double deeper = 0;
    double deeperFakes = 0;
    double deeperLow = 0;
    double deeperHigh = 0;
    for (Stratum s : strata) {
      if (!s.measured()) {
        continue;
      }
      covered += s.size();
      fakes += s.share().getAsDouble() * s.size();
      fakesLow += s.low() * s.size();
      fakesHigh += s.high() * s.size();
      if (s.basis() == Basis.DEEPER) {
        deeper += s.size();
        deeperFakes += s.share().getAsDouble() * s.size();
        deeperLow += s.low() * s.size();
        deeperHigh += s.high() * s.size();
      }
    }
    covered = Math.min(covered, n);
    long rest = n - covered;
    Stratum restStratum = null;
    if (rest > 0) {
      if (deeper > 0) {
        restStratum = new Stratum(OptionalLong.empty(), rest, Basis.REST_FROM_DEEPER,
            OptionalDouble.of(deeperFakes / deeper), deeperLow / deeper, deeperHigh / deeper, Optional.empty());
      } else if (historyKnown) {
        restStratum = fromHistory(rest, Math.min(n, jumps.getAsLong()),
            covered, fakes, fakesHigh);
      } else {
        restStratum = new Stratum(OptionalLong.empty(), rest, Basis.NOT_MEASURED, OptionalDouble.empty(), 0, 1,
            Optional.empty());
      }
      strata.add(restStratum);
    }
    double restSize = rest;
    OptionalDouble whole = restStratum == null || restStratum.measured()
        ? OptionalDouble.of(clamp01((fakes + (restStratum == null ? 0 : restStratum.share().getAsDouble() * restSize)) / n))
        : OptionalDouble.empty();
    double low = clamp01((fakesLow + (restStratum == null ? 0 : restStratum.low() * restSize)) / n);
    double high = clamp01((fakesHigh + (restStratum == null ? 0 : restStratum.high() * restSize)) / n);
    return Optional.of(new FollowerAudit(followers, strata, whole, low, high, (double) covered / n, estimatorName,
        method, drivers, network));
  }

  /**
   * The network the followers are on: the account's, else the one every sampled follower names (a file of
   * accounts may leave it out of the account itself).
   */
  static Optional<String> networkOf(Account account) {
    if (account.network().isPresent()) {
      return account.network();
    }
    List<Account> read = new ArrayList<>(account.followerSample());
    account.followerStrata().forEach(s -> read.addAll(s.sample()));
    List<String> networks = read.stream().map(a -> a.network().orElse("")).distinct().toList();
    return networks.size() == 1 && !networks.get(0).isEmpty() ? Optional.of(networks.get(0)) : Optional.empty();
  }

  /**
   * The {@code rest} followers no sample read, from the follower history: {@code excess} followers came in
   * jumps; those not already counted among the windows' fakes are in the rest, and the rest's other
   * followers are taken at the rate of the windows' followers outside jumps, from 0 up to that rate's
   * upper bound (they were not read). Without a measured window, only the jumps are known.
   */
  private Stratum fromHistory(long rest, long excess, long covered, double fakes, double fakesHigh) {
    double bursts = clamp(excess - fakes, 0, rest);
    double burstsLow = clamp(excess - fakesHigh, 0, rest);
    double burstsHigh = Math.min(excess, rest);
    if (covered == 0) {
      return new Stratum(OptionalLong.empty(), rest, Basis.REST_FROM_HISTORY, OptionalDouble.empty(),
          burstsLow / rest, 1, Optional.empty());
    }
    double inJumps = Math.min(fakes, excess);
    double organic = covered - inJumps;
    double organicFakes = fakes - inJumps;
    double rate = organic > 0 ? organicFakes / organic : 0;
    // The rate's upper bound: the windows' own upper bound (the estimator's interval) outside jumps.
    double rateHigh = organic >= minOrganic ? clamp01((fakesHigh - Math.min(fakesHigh, inJumps)) / organic) : 1;
    double share = (bursts + rate * (rest - bursts)) / rest;
    double high = (burstsHigh + rateHigh * (rest - burstsLow)) / rest;
    return new Stratum(OptionalLong.empty(), rest, Basis.REST_FROM_HISTORY, OptionalDouble.of(clamp01(share)),
        clamp01(burstsLow / rest), clamp01(high), Optional.empty());
  }

  /**
   * Followers gained in unexplained jumps that are still there: the jumps' excess, less the followers lost
   * on each day of net loss after the first jump, counted against the usual daily gain before it (bought
   * followers are purged by the network or drop away, while the usual gain goes on and hides part of it).
   */
  static long inJumps(List<FollowerPoint> history, List<GrowthAnomaly> anomalies) {
    if (anomalies.isEmpty()) {
      return 0;
    }
    GrowthAnomaly firstJump = anomalies.stream().min(Comparator.comparing(GrowthAnomaly::date)).orElseThrow();
    LocalDate first = firstJump.date();
    double usual = Math.max(0, firstJump.baseline());
    long excess = anomalies.stream().mapToLong(GrowthAnomaly::excess).sum();
    double lost = 0;
    for (int i = 1; i < history.size(); i++) {
      long change = history.get(i).followers() - history.get(i - 1).followers();
      if (history.get(i).at().isAfter(first) && change < 0) {
        long days = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(history.get(i - 1).at(), history.get(i).at()));
        lost += usual * days - change;
      }
    }
    return Math.max(0, Math.round(excess - lost));
  }

  private static Stratum stratum(OptionalLong offset, long size, Basis basis, ShareEstimate e) {
    return e.abstained()
        ? new Stratum(offset, size, basis, OptionalDouble.empty(), 0, 1, Optional.of(e))
        : new Stratum(offset, size, basis, OptionalDouble.of(e.share()), e.low(), e.high(), Optional.of(e));
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double clamp01(double v) {
    return clamp(v, 0, 1);
  }
}

package org.influencebot.core.analysis;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.influencebot.core.account.Account;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.reference.Reference;

/**
 * The audit of an account's audience by strata of its newest-first follower list: each stratum with how it
 * was measured and its fake share with a 95% interval, and the whole audience put together from them.
 * The whole share is empty when part of the audience could not be estimated: its interval then runs over
 * every share that part could have (see {@code docs/methodology.md}, "Follower audit").
 *
 * @param followers the follower count, when known (positions and the whole need it)
 * @param strata in list order: the sampled windows, then the rest of the audience
 * @param share the whole audience's fake share (0..1), when every part of it was estimated
 * @param low the whole audience's 95% interval, low end
 * @param high the whole audience's 95% interval, high end
 * @param measured the share of the audience a sample represents (1 for a random sample)
 * @param estimator the name of the estimator that measured the samples
 * @param method how the follower sample was drawn, if the source said
 * @param drivers the features most often behind the fake-looking followers, as message keys
 * @param network the audited account's network, when known: what its followers are measured against
 */
public record FollowerAudit(OptionalLong followers, List<Stratum> strata, OptionalDouble share, double low,
    double high, double measured, String estimator, Optional<Account.SampleMethod> method, List<String> drivers,
    Optional<String> network) {
  public FollowerAudit {
    strata = List.copyOf(strata);
    drivers = List.copyOf(drivers);
  }

  /** How a stratum's share is known. */
  public enum Basis {
    /** The account's follower sample (newest, random, most-followed or unknown method). */
    SAMPLE,
    /** A deeper run of the follower list. */
    DEEPER,
    /** The followers no sample read, estimated from the deeper runs. */
    REST_FROM_DEEPER,
    /** The followers no sample read, estimated from the follower history and the samples. */
    REST_FROM_HISTORY,
    /** Not measured: its interval is 0–100%. */
    NOT_MEASURED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A part of the audience: {@code size} followers from position {@code offset} of the newest-first
   * follower list, or no offset when the part is not one run (a random sample's stratum spans the whole
   * list; the rest gathers every position no sample read). {@code estimate} is the estimator's answer for a
   * sampled stratum, abstention included; an abstained or unmeasured stratum has no share.
   */
  public record Stratum(OptionalLong offset, long size, Basis basis, OptionalDouble share, double low, double high,
      Optional<ShareEstimate> estimate) {
    public boolean measured() {
      return share.isPresent();
    }

    public boolean sampled() {
      return basis == Basis.SAMPLE || basis == Basis.DEEPER;
    }
  }

  /** The network reference the samples were measured against; empty when it was the labeled populations. */
  public Optional<Reference.Summary> reference() {
    return strata.stream().flatMap(s -> s.estimate().flatMap(ShareEstimate::reference).stream()).findFirst();
  }

  public boolean estimated() {
    return share.isPresent();
  }

  /** Whether any sampled stratum could be measured: the audit read and judged followers. */
  public boolean assessed() {
    return strata.stream().anyMatch(s -> s.sampled() && s.measured());
  }

  /** The pooled share of the sampled strata that were measured: what was read, without extrapolation. */
  public OptionalDouble sampledShare() {
    double fakes = 0;
    double n = 0;
    for (Stratum s : strata) {
      if (s.sampled() && s.measured()) {
        double w = s.estimate().map(e -> (double) e.assessed()).orElse((double) s.size());
        fakes += w * s.share().getAsDouble();
        n += w;
      }
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(fakes / n);
  }

  /** Followers that look authentic: the whole estimate applied to the follower count. */
  public OptionalLong authentic() {
    return followers.isPresent() && share.isPresent()
        ? OptionalLong.of(Math.round(followers.getAsLong() * (1 - share.getAsDouble()))) : OptionalLong.empty();
  }

  public OptionalLong authenticLow() {
    return followers.isPresent() ? OptionalLong.of(Math.round(followers.getAsLong() * (1 - high))) : OptionalLong.empty();
  }

  public OptionalLong authenticHigh() {
    return followers.isPresent() ? OptionalLong.of(Math.round(followers.getAsLong() * (1 - low))) : OptionalLong.empty();
  }
}

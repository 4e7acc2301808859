package org.influencebot.core.members;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How much a member's profile looks like a bought one: a transparent weighted mean of simple features, each
 * 0 (like a person) to 1 (like a bought account), over the features known for that member. There are no
 * labeled members to learn weights from, so they are set by hand and documented
 * ({@code docs/methodology.md}, "Member audits"); only the order of the scores counts, since the recent
 * joiners are measured against the community's established members on the same score.
 *
 * <table>
 *   <caption>Features and weights</caption>
 *   <tr><th>feature</th><th>weight</th><th>value</th></tr>
 *   <tr><td>account age at joining</td><td>{@value #W_AGE}</td>
 *       <td>{@code 1 − ln(1 + days) / ln(1 + 365)}, 0 from a year on</td></tr>
 *   <tr><td>created in a tight cluster</td><td>{@value #W_CLUSTER}</td>
 *       <td>{@code log2(members created the same week / the community's usual week) / 5}, 0..1 (32 times the
 *       usual week is 1)</td></tr>
 *   <tr><td>default avatar</td><td>{@value #W_AVATAR}</td><td>1 without its own picture</td></tr>
 *   <tr><td>not seen active since joining</td><td>{@value #W_INACTIVE}</td>
 *       <td>1 (only where the community's activity is tracked at all)</td></tr>
 *   <tr><td>bot flag</td><td>{@value #W_BOT}</td><td>1 for a bot account</td></tr>
 *   <tr><td>screening pending</td><td>{@value #W_PENDING}</td><td>1 while membership screening is pending</td></tr>
 * </table>
 * Joining within a burst is not scored: real people arrive fast too (a server featured somewhere), so the
 * burst only says which members to examine ({@link JoinWave}); their profiles say whether they look bought.
 */
public final class FakeLikeness {
  public static final double W_AGE = 3;
  public static final double W_CLUSTER = 2;
  public static final double W_AVATAR = 2;
  public static final double W_INACTIVE = 1;
  public static final double W_BOT = 1;
  public static final double W_PENDING = 1;
  private static final double LN_YEAR = Math.log(1 + 365);

  private FakeLikeness() {}

  /** The age feature: 1 for an account created the day it joined, 0 from a year old. */
  public static double age(double daysAtJoining) {
    return Math.max(0, Math.min(1, 1 - Math.log(1 + Math.max(0, daysAtJoining)) / LN_YEAR));
  }

  /** The cluster feature: how many times the usual week the member's creation week holds, on a log scale. */
  public static double cluster(double timesUsualWeek) {
    if (!(timesUsualWeek > 1)) {
      return 0;
    }
    return Math.min(1, Math.log(timesUsualWeek) / Math.log(2) / 5);
  }

  /** The account's age when it joined, in days; empty when either time is unknown. */
  static Optional<Double> daysAtJoining(Member m) {
    if (m.joinedAt().isEmpty() || m.createdAt().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(m.createdAt().get(), m.joinedAt().get()).toMinutes() / 1440.0);
  }

  /**
   * The member's score, 0..1, or {@code NaN} when no feature is known.
   *
   * @param timesUsualWeek members created the same week as this one over the community's usual week
   *     ({@code NaN} when its creation time is unknown)
   * @param activityTracked whether the community's activity is known at all: then a member without activity
   *     since joining counts as not seen active
   */
  public static double score(Member m, double timesUsualWeek, boolean activityTracked) {
    double sum = 0;
    double weights = 0;
    Optional<Double> days = daysAtJoining(m);
    if (days.isPresent()) {
      sum += W_AGE * age(days.get());
      weights += W_AGE;
    }
    if (!Double.isNaN(timesUsualWeek)) {
      sum += W_CLUSTER * cluster(timesUsualWeek);
      weights += W_CLUSTER;
    }
    if (m.hasAvatar().isPresent()) {
      sum += m.hasAvatar().get() ? 0 : W_AVATAR;
      weights += W_AVATAR;
    }
    if (activityTracked) {
      sum += m.activeSinceJoining().orElse(false) ? 0 : W_INACTIVE;
      weights += W_INACTIVE;
    }
    if (m.bot().isPresent()) {
      sum += m.bot().get() ? W_BOT : 0;
      weights += W_BOT;
    }
    if (m.pending().isPresent()) {
      sum += m.pending().get() ? W_PENDING : 0;
      weights += W_PENDING;
    }
    return weights == 0 ? Double.NaN : sum / weights;
  }

  /** The week an account was created in, counted from the epoch. */
  static long week(Instant created) {
    return Math.floorDiv(created.getEpochSecond(), 7L * 86_400);
  }
}

package org.influencebot.core.members;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How much a member's profile looks like a bought one: a transparent weighted mean of simple features, each
 * 0 (like a person) to 1 (like a bought account), over the features known for that member. There are no
 * labeled members to learn weights from, so they are set by hand and documented
 * ({@code docs/members.md}); only the order of the scores counts, since the recent
 * joiners are measured against the community's established members on the same score.
 *
 * <table>
 *   <caption>Features and weights</caption>
 *   <tr><th>feature</th><th>weight</th><th>value</th></tr>
 *   <tr><td>account age at joining</td><td>{@value #W_AGE}</td>
 *       <td>{@code 1 − ln(1 + days) / ln(1 + 365)}, 0 from a year on</td></tr>
 *   <tr><td>created in a tight cluster</td><td>{@value #W_CLUSTER}</td>
 *       <td>{@code log2(members created within a day, per day / the usual day of the two months around) / 5},
 *       0..1 (32 times the usual day is 1; {@link ClusterTimes})</td></tr>
 *   <tr><td>default avatar</td><td>{@value #W_AVATAR}</td><td>1 without its own picture</td></tr>
 * *   <tr><td>bot flag</td><td>{@value #W_BOT}</td><td>1 for a bot account</td></tr>
 *   <tr><td>screening pending</td><td>{@value #W_PENDING}</td><td>1 while membership screening is pending</td></tr>
 * </table>
 * The mean is then multiplied by {@code (1 + }{@value #W_INACTIVE}{@code  × not seen active since joining) / (1 + }
 * {@value #W_INACTIVE}{@code )} where the community's activity is tracked at all: inactivity raises a profile that
 * already looks bought, and alone counts for nothing, because real members of a few days have not yet spoken as
 * often as members of years (a share of inactive recent joiners above the established members' is no evidence).
 * Joining within a burst is not scored: real people arrive fast too (a server featured somewhere), so the
 * burst only says which members to examine ({@link JoinWave}); their profiles say whether they look bought.
 */
public final class FakeLikeness {
  public static final double W_AGE = 3;
  public static final double W_CLUSTER = 2;
  public static final double W_AVATAR = 2;
  /** Not a weight in the mean: the factor by which inactivity raises the mean ({@code 1 + W_INACTIVE}). */
  public static final double W_INACTIVE = 0.5;
  public static final double W_BOT = 1;
  public static final double W_PENDING = 1;
  private static final double LN_YEAR = Math.log(1 + 365);

  private FakeLikeness() {}

  /** The age feature: 1 for an account created the day it joined, 0 from a year old. */
  public static double age(double daysAtJoining) {
    return Math.max(0, Math.min(1, 1 - Math.log(1 + Math.max(0, daysAtJoining)) / LN_YEAR));
  }

  /** The cluster feature: how many times the usual day the days around the member's creation hold, on a log scale. */
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
   * @param timesUsualWeek members created within a day of this one over the usual day around
   *     ({@link ClusterTimes}; {@code NaN} when its creation time is unknown)
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
    if (m.bot().isPresent()) {
      sum += m.bot().get() ? W_BOT : 0;
      weights += W_BOT;
    }
    if (m.pending().isPresent()) {
      sum += m.pending().get() ? W_PENDING : 0;
      weights += W_PENDING;
    }
    if (weights == 0) {
      return Double.NaN;
    }
    double base = sum / weights;
    if (!activityTracked) {
      return base;
    }
    // Inactivity raises a profile that already looks bought; alone it counts for nothing, since real members of
    // a few days have not yet spoken as often as members of years.
    boolean inactive = !m.activeSinceJoining().orElse(false);
    return base * (1 + (inactive ? W_INACTIVE : 0)) / (1 + W_INACTIVE);
  }

  /** The week an account was created in, counted from the epoch. */
  static long week(Instant created) {
    return Math.floorDiv(created.getEpochSecond(), 7L * 86_400);
  }
}

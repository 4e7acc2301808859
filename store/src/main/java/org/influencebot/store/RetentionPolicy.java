package org.influencebot.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the store keeps what it keeps.
 *
 * <p>Score history: at most {@code maxPointsPerHandle} points per handle, none older than {@code maxAge}, applied
 * to a handle each time a point of it is recorded.
 *
 * <p>The member log ({@code store.member_retention}): members who left before {@code memberMaxAge} ago, activity
 * older than that and audits older than that are forgotten ({@link
 * org.influencebot.core.members.MemberLog#forgetBefore}), swept by the member log when the store opens and then
 * at most once a day, on its next write. Members still in the community are kept, with the time they joined.
 */
public record RetentionPolicy(int maxPointsPerHandle, Duration maxAge, Duration memberMaxAge) {
  /** The standard {@code store.member_retention}: half a year, so this month's audit has the last five beside it. */
  public static final Duration STANDARD_MEMBER_RETENTION = Duration.ofDays(180);

  public RetentionPolicy {
    if (maxPointsPerHandle < 1) {
      throw new IllegalArgumentException("maxPointsPerHandle must be at least 1, was " + maxPointsPerHandle);
    }
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
    Objects.requireNonNull(memberMaxAge, "memberMaxAge");
    if (memberMaxAge.isNegative() || memberMaxAge.isZero()) {
      throw new IllegalArgumentException("memberMaxAge must be positive, was " + memberMaxAge);
    }
  }

  /** Score history as given, the member log for the standard {@link #STANDARD_MEMBER_RETENTION}. */
  public RetentionPolicy(int maxPointsPerHandle, Duration maxAge) {
    this(maxPointsPerHandle, maxAge, STANDARD_MEMBER_RETENTION);
  }

  /** A year and a bit of daily points: enough for "+4 in 30 days" and a yearly chart; members for 180 days. */
  public static RetentionPolicy standard() {
    return new RetentionPolicy(1000, Duration.ofDays(400));
  }

  /** The same, with the member log kept {@code memberMaxAge} ({@code store.member_retention}). */
  public RetentionPolicy withMemberRetention(Duration memberMaxAge) {
    return new RetentionPolicy(maxPointsPerHandle, maxAge, memberMaxAge);
  }
}

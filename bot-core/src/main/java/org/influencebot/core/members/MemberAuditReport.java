package org.influencebot.core.members;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.influencebot.core.quantify.ShareEstimate;

/**
 * A community's member audit: counts, the bought share of the recent joiners with its interval, the join waves
 * and what the audit could read. Aggregates only, except {@link #members()}, which a caller shows to the
 * moderator alone (and never with names: members have ids only).
 *
 * @param now when the audit was made
 * @param total members audited
 * @param windows joins by window
 * @param recentDays the recent joiners' window in days (the share is over them)
 * @param recentJoiners members who joined in that window
 * @param established members the recent joiners are measured against (joined long ago or seen active, and not
 *     in a wave)
 * @param boughtShare the recent joiners' share the established members do not explain, with its 95% interval
 * @param waves join bursts, oldest first
 * @param joins the daily joins, for a chart
 * @param visibility what the file or platform showed
 * @param members each member's score, most fake-like first (recent joiners and wave members only)
 */
public record MemberAuditReport(
    Instant now,
    int total,
    Windows windows,
    int recentDays,
    int recentJoiners,
    int established,
    ShareEstimate boughtShare,
    List<JoinWave> waves,
    DailyJoins joins,
    Visibility visibility,
    List<Scored> members) {

  public MemberAuditReport {
    waves = List.copyOf(waves);
    members = List.copyOf(members);
  }

  /** Members by when they joined: the last 7, 30 and 90 days (each within the next), earlier, unknown. */
  public record Windows(int last7, int last30, int last90, int earlier, int unknown) {}

  /** Joins per UTC day from {@code first} on ({@code counts[0]} is that day), up to the audit's day. */
  public record DailyJoins(Optional<LocalDate> first, int[] counts) {
    public DailyJoins {
      counts = counts.clone();
    }

    /** The joins of one day (0 outside the series). */
    public int on(LocalDate day) {
      if (first.isEmpty()) {
        return 0;
      }
      long i = day.toEpochDay() - first.get().toEpochDay();
      return i < 0 || i >= counts.length ? 0 : counts[(int) i];
    }
  }

  /**
   * How many members showed each field: what the audit could and could not see.
   *
   * @param activityTracked whether any member's last activity was known (else activity is not scored)
   */
  public record Visibility(int joined, int created, int avatar, int bot, int active, int pending, int scored,
      boolean activityTracked) {}

  /**
   * One member's score, for the moderator's own list.
   *
   * @param wave the member's wave's index in {@link #waves()}, or -1
   */
  public record Scored(String id, Optional<Instant> joinedAt, double score, boolean recent, int wave) {}
}

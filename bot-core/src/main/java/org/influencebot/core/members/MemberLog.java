package org.influencebot.core.members;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the bot saw of a community's members, kept so that an audit shows the waves as they came: each join
 * (with what the platform showed of the account then), each leave, the day each member was last active (a
 * count, never a message), when the bot started watching, and each audit's figures, to compare with the last.
 * A community is named by its platform and its id there ({@code discord}, a server id).
 *
 * <p>Writes are idempotent (a join recorded twice is one join), so a retried write never duplicates a row.
 * Calls may block (a disk, a database): callers run them off platform event threads ({@link MemberWatch}).
 */
public interface MemberLog {
  /** Remembers when the bot started watching the community; a later call keeps the first instant. */
  void watching(String platform, String community, Instant since);

  /** When the bot started watching the community, if it has. */
  Optional<Instant> watchingSince(String platform, String community);

  /**
   * A member joined (or was first seen as a member): keeps the member's fields, replacing an earlier record of
   * the same member (who left and came back), and clears its leave.
   */
  void joined(String platform, String community, Member member);

  /** A member left (or was removed): kept, marked as gone from {@code at}, so waves of members who left stay visible. */
  void left(String platform, String community, String memberId, Instant at);

  /**
   * A member was active at {@code at} (a message or a reaction, counted, never read): keeps the latest instant. A
   * member never seen joining (there before the bot watched) is kept too, its join unknown: the audit then knows
   * that long-standing members are active, not only the joiners it saw.
   */
  void active(String platform, String community, String memberId, Instant at);

  /** The members seen joining or active and still there (not left), with their last activity. */
  List<Member> members(String platform, String community);

  /** How many members seen joining have left since {@code since}. */
  int leftSince(String platform, String community, Instant since);

  /** Keeps an audit's figures. */
  void audited(String platform, String community, AuditRecord record);

  /** The community's audits, newest first, at most {@code limit}. */
  List<AuditRecord> audits(String platform, String community, int limit);

  /**
   * Forgets joins of members who left before {@code before}, activity older than it (and members known only by that
   * activity), and audits older than it:
   * the store's retention ({@code store.member_retention}).
   *
   * @return how many records were removed
   */
  int forgetBefore(Instant before);

  /**
   * One audit's figures, as kept.
   *
   * @param at when the audit was made
   * @param members members audited
   * @param recentJoiners members who joined in the recent window
   * @param boughtShare the recent joiners' bought share, empty when not measured
   * @param low its interval's lower end, empty when not measured
   * @param high its interval's upper end, empty when not measured
   * @param waves join waves found
   */
  record AuditRecord(Instant at, int members, int recentJoiners, OptionalDouble boughtShare, OptionalDouble low,
      OptionalDouble high, int waves) {

    /** The figures of a report. */
    public static AuditRecord of(MemberAuditReport r) {
      boolean measured = r.boughtShare().abstention().isEmpty();
      return new AuditRecord(r.now(), r.total(), r.recentJoiners(),
          measured ? OptionalDouble.of(r.boughtShare().share()) : OptionalDouble.empty(),
          measured ? OptionalDouble.of(r.boughtShare().low()) : OptionalDouble.empty(),
          measured ? OptionalDouble.of(r.boughtShare().high()) : OptionalDouble.empty(), r.waves().size());
    }
  }
}

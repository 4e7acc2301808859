package org.influencebot.core.members;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.service.ServiceBusyException;

/**
 * A community's member audit as the chat commands run it: the members its platform's {@link MemberRoster}
 * read, audited by {@link MemberAuditor} at one instant, kept in the {@link MemberLog} with the last audit beside
 * it for comparison. Audits run one at a time on their own thread (100,000 members take about a second of CPU),
 * with a few waiting at most; beyond that the asker is told the bot is busy.
 */
public final class MemberAudits {
  /** Audits that may wait for the one running. */
  static final int QUEUE = 4;

  private final MemberAuditor auditor;
  private final MemberLog log;
  private final Clock clock;
  private final Executor executor;

  public MemberAudits(MemberAuditor auditor, MemberLog log, Clock clock, Executor executor) {
    this.auditor = auditor;
    this.log = log;
    this.clock = clock;
    this.executor = executor;
  }

  /** Audits on one daemon thread of their own, {@value #QUEUE} waiting at most. */
  public static MemberAudits of(MemberLog log, Clock clock) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
        r -> {
          Thread t = new Thread(r, "member-audit");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return new MemberAudits(new MemberAuditor(), log, clock, pool);
  }

  public MemberLog log() {
    return log;
  }

  /**
   * Audits the members read for {@code community}, off the calling thread; fails with
   * {@link ServiceBusyException} when too many audits wait.
   */
  public CompletableFuture<CommunityAudit> audit(String platform, String community, MemberRoster.Roster roster) {
    try {
      return CompletableFuture.supplyAsync(() -> auditNow(platform, community, roster), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new ServiceBusyException());
    }
  }

  /** The audit on the calling thread. */
  public CommunityAudit auditNow(String platform, String community, MemberRoster.Roster roster) {
    Instant now = clock.instant();
    MemberAuditReport report = auditor.audit(roster.members(), now);
    List<MemberLog.AuditRecord> before = log.audits(platform, community, 1);
    // Bought members are often removed in bulk (by the platform, or a moderator's purge): the leaves the bot saw
    // say so, although the members are no longer there to audit.
    OptionalInt left = roster.kind() == MemberRoster.Kind.FILE ? OptionalInt.empty()
        : OptionalInt.of(log.leftSince(platform, community, now.minus(java.time.Duration.ofDays(MemberAuditor.RECENT_DAYS))));
    log.audited(platform, community, MemberLog.AuditRecord.of(report));
    return new CommunityAudit(report, roster.kind(), roster.count(), roster.watchingSince(),
        before.stream().findFirst(), left);
  }

  /**
   * An audit with what the reply says around it.
   *
   * @param report the audit
   * @param kind how the members were read
   * @param count the platform's member count, when it gives one
   * @param watchingSince since when the bot watched the joins (Telegram)
   * @param previous the community's audit before this one, to compare with
   * @param leftRecently members the bot saw leave in the recent window (empty for a file)
   */
  public record CommunityAudit(MemberAuditReport report, MemberRoster.Kind kind, OptionalInt count,
      Optional<Instant> watchingSince, Optional<MemberLog.AuditRecord> previous, OptionalInt leftRecently) {}
}

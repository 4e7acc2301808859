package org.influencebot.core.members;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.analysis.GrowthAnomaly;
import org.influencebot.core.analysis.GrowthAnomalyDetector;
import org.influencebot.core.quantify.ReferenceEstimator;
import org.influencebot.core.quantify.ShareEstimate;

/**
 * The member audit of a community ({@code docs/members.md}): every member gets a
 * {@link FakeLikeness} score; join waves are the days the growth-anomaly detector flags in the daily joins;
 * the recent joiners (the last {@value #RECENT_DAYS} days), and each wave, are measured against the
 * community's established members (joined more than {@value #ESTABLISHED_DAYS} days ago, or before the recent
 * window and seen active since; never members of a wave) with the yardstick's mixture estimator
 * ({@link ReferenceEstimator#estimate(double[], double[], ReferenceEstimator.Options, String)}): the share is
 * what the established members do not explain. Platform-neutral: Discord's member chunks, Telegram's
 * {@code chat_member} updates and a members file all give a list of {@link Member}s. Deterministic and
 * thread-safe.
 */
public final class MemberAuditor {
  public static final int RECENT_DAYS = 30;
  public static final int ESTABLISHED_DAYS = 90;
  /**
   * At most this many established members are the yardstick: a larger community's are sampled at random (the same
   * sample for the same members). Its own sampling error is then small beside the recent joiners' (a few thousand
   * at most), and the bootstrap and permutation tests cost a fifth of what 100,000 members would.
   */
  public static final int MAX_REFERENCE = 20_000;
  /** Two flagged runs of neighbouring days are one wave when they are at most this far apart. */
  static final Duration SAME_WAVE = Duration.ofHours(6);
  public static final String ESTIMATOR = "members/established";

  private final ReferenceEstimator.Options options;

  public MemberAuditor(ReferenceEstimator.Options options) {
    this.options = options;
  }

  public MemberAuditor() {
    this(ReferenceEstimator.Options.defaults());
  }

  /** The reference scores, or {@link #MAX_REFERENCE} of them drawn at random with a fixed seed. */
  static double[] capped(double[] reference) {
    if (reference.length <= MAX_REFERENCE) {
      return reference;
    }
    double[] r = reference.clone();
    java.util.SplittableRandom random = new java.util.SplittableRandom(reference.length);
    for (int i = 0; i < MAX_REFERENCE; i++) {
      int j = i + random.nextInt(r.length - i);
      double t = r[i];
      r[i] = r[j];
      r[j] = t;
    }
    return Arrays.copyOf(r, MAX_REFERENCE);
  }

  public MemberAuditReport audit(List<Member> members, Instant now) {
    int n = members.size();
    long nowSec = now.getEpochSecond();
    boolean activityTracked = members.stream().anyMatch(m -> m.lastActiveAt().isPresent());

    int joinedKnown = 0;
    for (Member m : members) {
      joinedKnown += m.joinedAt().isPresent() ? 1 : 0;
    }

    // Joins by window; a join after now (a clock ahead) counts as now.
    int w7 = 0, w30 = 0, w90 = 0, earlier = 0, unknown = 0;
    long[] joinSec = new long[n];
    for (int i = 0; i < n; i++) {
      Optional<Instant> j = members.get(i).joinedAt();
      if (j.isEmpty()) {
        unknown++;
        joinSec[i] = Long.MIN_VALUE;
        continue;
      }
      joinSec[i] = Math.min(nowSec, j.get().getEpochSecond());
      long ageDays = (nowSec - joinSec[i]) / 86_400;
      if (ageDays < 7) {
        w7++;
      } else if (ageDays < RECENT_DAYS) {
        w30++;
      } else if (ageDays < ESTABLISHED_DAYS) {
        w90++;
      } else {
        earlier++;
      }
    }

    Integer[] order = new Integer[joinedKnown];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (joinSec[i] != Long.MIN_VALUE) {
        order[k++] = i;
      }
    }
    Arrays.sort(order, Comparator.comparingLong(i -> joinSec[i]));
    MemberAuditReport.DailyJoins daily = dailyJoins(order, joinSec, now);
    List<int[]> runs = waveRuns(order, joinSec, daily);

    int[] waveOf = new int[n];
    Arrays.fill(waveOf, -1);
    for (int w = 0; w < runs.size(); w++) {
      for (int p = runs.get(w)[0]; p <= runs.get(w)[1]; p++) {
        waveOf[order[p]] = w;
      }
    }

    // A member outside the waves is measured against the creation dates of the members outside the waves: real
    // people who made their account the week a bought batch was made are not its cluster.
    ClusterTimes clusters = ClusterTimes.of(members);
    List<Member> outside = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (waveOf[i] < 0) {
        outside.add(members.get(i));
      }
    }
    ClusterTimes outsideClusters = outside.size() == n ? clusters : ClusterTimes.of(outside);
    double[] score = new double[n];
    int created = 0, avatar = 0, bot = 0, active = 0, pending = 0, scored = 0;
    for (int i = 0; i < n; i++) {
      Member m = members.get(i);
      double times = m.createdAt().isEmpty() ? Double.NaN : (waveOf[i] < 0 ? outsideClusters : clusters).timesUsual(m.createdAt().get());
      score[i] = FakeLikeness.score(m, times, activityTracked);
      created += m.createdAt().isPresent() ? 1 : 0;
      avatar += m.hasAvatar().isPresent() ? 1 : 0;
      bot += m.bot().isPresent() ? 1 : 0;
      active += m.lastActiveAt().isPresent() ? 1 : 0;
      pending += m.pending().isPresent() ? 1 : 0;
      scored += Double.isNaN(score[i]) ? 0 : 1;
    }

    long recentFrom = nowSec - RECENT_DAYS * 86_400L;
    long establishedBefore = nowSec - ESTABLISHED_DAYS * 86_400L;
    double[] recent = new double[n];
    double[] reference = new double[n];
    int nr = 0;
    int ne = 0;
    for (int i = 0; i < n; i++) {
      if (joinSec[i] == Long.MIN_VALUE) {
        continue;
      }
      if (joinSec[i] > recentFrom) {
        recent[nr++] = score[i];
      } else if (waveOf[i] < 0 && !Double.isNaN(score[i])
          && (joinSec[i] <= establishedBefore || members.get(i).activeSinceJoining().orElse(false))) {
        reference[ne++] = score[i];
      }
    }
    reference = capped(Arrays.copyOf(reference, ne));
    ShareEstimate share = ReferenceEstimator.estimate(Arrays.copyOf(recent, nr), reference, options, ESTIMATOR);

    List<JoinWave> waves = new ArrayList<>();
    for (int[] run : runs) {
      waves.add(wave(run, order, joinSec, members, score, daily, reference, activityTracked));
    }

    List<MemberAuditReport.Scored> listed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean isRecent = joinSec[i] != Long.MIN_VALUE && joinSec[i] > recentFrom;
      if (isRecent || waveOf[i] >= 0) {
        listed.add(new MemberAuditReport.Scored(members.get(i).id(), members.get(i).joinedAt(), score[i], isRecent, waveOf[i]));
      }
    }
    listed.sort(Comparator.comparingDouble((MemberAuditReport.Scored s) -> Double.isNaN(s.score()) ? -1 : s.score())
        .reversed().thenComparing(MemberAuditReport.Scored::id));

    return new MemberAuditReport(now, n, new MemberAuditReport.Windows(w7, w30, w90, earlier, unknown), RECENT_DAYS,
        nr, ne, share, waves, daily,
        new MemberAuditReport.Visibility(joinedKnown, created, avatar, bot, active, pending, scored, activityTracked),
        listed);
  }

  private static MemberAuditReport.DailyJoins dailyJoins(Integer[] order, long[] joinSec, Instant now) {
    if (order.length == 0) {
      return new MemberAuditReport.DailyJoins(Optional.empty(), new int[0]);
    }
    long first = Math.floorDiv(joinSec[order[0]], 86_400L);
    long last = Math.floorDiv(now.getEpochSecond(), 86_400L);
    int[] counts = new int[(int) (last - first + 1)];
    for (Integer i : order) {
      counts[(int) (Math.floorDiv(joinSec[i], 86_400L) - first)]++;
    }
    return new MemberAuditReport.DailyJoins(Optional.of(LocalDate.ofEpochDay(first)), counts);
  }

  /**
   * The waves as runs {@code [from, to]} of positions in the join order: on each day the detector flags, the
   * tightest run holding the day's excess over the usual daily joins; runs that touch across midnight merge.
   * The third number is the usual daily joins the detector saw before the wave.
   */
  private static List<int[]> waveRuns(Integer[] order, long[] joinSec, MemberAuditReport.DailyJoins daily) {
    List<int[]> runs = new ArrayList<>();
    if (daily.first().isEmpty()) {
      return runs;
    }
    int[] counts = daily.counts();
    List<FollowerPoint> points = new ArrayList<>(counts.length + 1);
    long total = 0;
    LocalDate first = daily.first().get();
    points.add(new FollowerPoint(first.minusDays(1), 0));
    for (int d = 0; d < counts.length; d++) {
      total += counts[d];
      points.add(new FollowerPoint(first.plusDays(d), total));
    }
    // Where each day's joins start in the join order.
    int[] dayStart = new int[counts.length + 1];
    for (int d = 0; d < counts.length; d++) {
      dayStart[d + 1] = dayStart[d] + counts[d];
    }
    for (GrowthAnomaly a : GrowthAnomalyDetector.detect(points)) {
      int d = (int) (a.date().toEpochDay() - first.toEpochDay());
      int from = dayStart[d];
      int to = dayStart[d + 1] - 1;
      int size = (int) Math.max(2, Math.min(to - from + 1, a.excess()));
      int best = from;
      long bestSpan = Long.MAX_VALUE;
      for (int p = from; p + size - 1 <= to; p++) {
        long span = joinSec[order[p + size - 1]] - joinSec[order[p]];
        if (span < bestSpan) {
          bestSpan = span;
          best = p;
        }
      }
      int[] run = trim(best, best + size - 1, order, joinSec);
      if (!runs.isEmpty()) {
        int[] prev = runs.get(runs.size() - 1);
        if (joinSec[order[run[0]]] - joinSec[order[prev[1]]] <= SAME_WAVE.toSeconds()) {
          prev[1] = run[1];
          continue;
        }
      }
      runs.add(new int[] {run[0], run[1], (int) Math.round(a.baseline())});
    }
    return runs;
  }

  /**
   * The run without the stray joins at its ends: the run's size is the day's excess over its usual joins, which
   * holds by chance a few usual joins; an end join further from its neighbour than ten times the run's median
   * gap (and more than five minutes) is not part of the burst.
   */
  private static int[] trim(int from, int to, Integer[] order, long[] joinSec) {
    if (to - from < 3) {
      return new int[] {from, to};
    }
    long[] gaps = new long[to - from];
    for (int p = from; p < to; p++) {
      gaps[p - from] = joinSec[order[p + 1]] - joinSec[order[p]];
    }
    long[] sorted = gaps.clone();
    Arrays.sort(sorted);
    long limit = Math.max(300, 10 * sorted[sorted.length / 2]);
    while (to - from >= 2 && joinSec[order[from + 1]] - joinSec[order[from]] > limit) {
      from++;
    }
    while (to - from >= 2 && joinSec[order[to]] - joinSec[order[to - 1]] > limit) {
      to--;
    }
    return new int[] {from, to};
  }

  private JoinWave wave(int[] run, Integer[] order, long[] joinSec, List<Member> members, double[] score,
      MemberAuditReport.DailyJoins daily, double[] reference, boolean activityTracked) {
    int size = run[1] - run[0] + 1;
    double[] s = new double[size];
    Map<Long, Integer> weeks = new HashMap<>();
    int createdKnown = 0, avatarKnown = 0, noAvatar = 0, inactive = 0;
    double[] ages = new double[size];
    int agesKnown = 0;
    for (int p = run[0]; p <= run[1]; p++) {
      int i = order[p];
      Member m = members.get(i);
      s[p - run[0]] = score[i];
      if (m.createdAt().isPresent()) {
        createdKnown++;
        weeks.merge(FakeLikeness.week(m.createdAt().get()), 1, Integer::sum);
      }
      if (m.hasAvatar().isPresent()) {
        avatarKnown++;
        noAvatar += m.hasAvatar().get() ? 0 : 1;
      }
      inactive += m.activeSinceJoining().orElse(false) ? 0 : 1;
      Optional<Double> age = FakeLikeness.daysAtJoining(m);
      if (age.isPresent()) {
        ages[agesKnown++] = age.get();
      }
    }
    int topWeek = weeks.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    Instant start = Instant.ofEpochSecond(joinSec[order[run[0]]]);
    Instant end = Instant.ofEpochSecond(joinSec[order[run[1]]]);
    long minutes = (Duration.between(start, end).getSeconds() + 59) / 60;
    LocalDate firstDay = start.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate lastDay = end.atZone(ZoneOffset.UTC).toLocalDate();
    int that = 0;
    for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
      that += daily.on(d);
    }
    ShareEstimate share = ReferenceEstimator.estimate(s, reference, options, ESTIMATOR);
    return new JoinWave(firstDay, start, size, minutes, that, run[2],
        createdKnown == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) topWeek / createdKnown),
        avatarKnown == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) noAvatar / avatarKnown),
        activityTracked ? OptionalDouble.of((double) inactive / size) : OptionalDouble.empty(),
        agesKnown == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(Arrays.copyOf(ages, agesKnown))),
        share);
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2.0;
  }
}

package org.influencebot.core.members;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A community built from a seed, with known bought members: organic joins every day, organic bursts (a server
 * featured somewhere: real people arriving fast) and bought waves (accounts created together, default avatars,
 * never active, joining within minutes). For the evaluation ({@code docs/evaluation.md}, "Member audits"), the
 * tests and the benchmark. Same seed, same community.
 *
 * <p>Organic members: accounts created 0 to 8 years before joining (a quarter of them within 60 days: people
 * who made an account to join), 80% with their own picture, 0.5% bots, and each seen active since joining
 * with probability {@code 0.55 (1 − e^(−days/3))}: most who ever speak do it in their first days. Bought
 * members: accounts created within {@link Burst#createdWithinDays} days, {@link Burst#createdDaysBefore} days
 * before the wave, 10% with a picture, never active.
 */
public final class SyntheticCommunity {
  private SyntheticCommunity() {}

  /**
   * A burst of joins.
   *
   * @param daysAgo its day, counted back from now
   * @param size members who join in it
   * @param minutes how long it lasts
   * @param bought whether its members are bought (else real people)
   * @param createdDaysBefore bought accounts' creation, days before the wave
   * @param createdWithinDays the spread of their creation times
   */
  public record Burst(double daysAgo, int size, double minutes, boolean bought, double createdDaysBefore,
      double createdWithinDays) {
    public static Burst bought(double daysAgo, int size, double minutes) {
      return new Burst(daysAgo, size, minutes, true, 20, 7);
    }

    public static Burst organic(double daysAgo, int size, double minutes) {
      return new Burst(daysAgo, size, minutes, false, 0, 0);
    }
  }

  /**
   * A community and its truth.
   *
   * @param bought whether each member (same order) is bought
   */
  public record Built(List<Member> members, boolean[] bought) {
    /** The bought share among members who joined in the last {@code days} days before {@code now}. */
    public double boughtShareSince(Instant now, int days) {
      Instant from = now.minusSeconds(days * 86_400L);
      int n = 0;
      int b = 0;
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).joinedAt().orElseThrow().isAfter(from)) {
          n++;
          b += bought[i] ? 1 : 0;
        }
      }
      return n == 0 ? 0 : (double) b / n;
    }
  }

  /**
   * Builds a community.
   *
   * @param organicPerDay the mean organic joins a day (a Poisson count each day)
   * @param historyDays how long ago the community opened
   */
  public static Built build(long seed, Instant now, double organicPerDay, int historyDays, List<Burst> bursts) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Member> members = new ArrayList<>();
    List<Boolean> bought = new ArrayList<>();
    long nowSec = now.getEpochSecond();
    int id = 0;
    for (int d = historyDays; d >= 0; d--) {
      int joins = poisson(r, organicPerDay);
      for (int j = 0; j < joins; j++) {
        long at = nowSec - d * 86_400L - r.nextLong(86_400);
        if (at > nowSec) {
          continue;
        }
        members.add(organic(r, id++, at, nowSec));
        bought.add(false);
      }
    }
    for (Burst b : bursts) {
      long start = nowSec - Math.round(b.daysAgo() * 86_400);
      long createdCentre = start - Math.round(b.createdDaysBefore() * 86_400);
      for (int j = 0; j < b.size(); j++) {
        long at = Math.min(nowSec, start + Math.round(r.nextDouble() * b.minutes() * 60));
        if (b.bought()) {
          long created = Math.min(at, createdCentre - Math.round(r.nextDouble() * b.createdWithinDays() * 86_400));
          members.add(new Member(Long.toString(1_000_000L + id++), Instant.ofEpochSecond(at),
              Instant.ofEpochSecond(created), r.nextDouble() < 0.1, false, null));
          bought.add(true);
        } else {
          members.add(organic(r, id++, at, nowSec));
          bought.add(false);
        }
      }
    }
    boolean[] truth = new boolean[bought.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = bought.get(i);
    }
    return new Built(members, truth);
  }

  private static Member organic(SplittableRandom r, int id, long joined, long now) {
    double ageDays = r.nextDouble() < 0.25 ? r.nextDouble() * 60 : r.nextDouble() * 8 * 365;
    long created = joined - Math.round(ageDays * 86_400);
    double tenureDays = (now - joined) / 86_400.0;
    Instant lastActive = null;
    if (r.nextDouble() < 0.55 * (1 - Math.exp(-tenureDays / 3))) {
      lastActive = Instant.ofEpochSecond(joined + 1 + r.nextLong(Math.max(1, now - joined)));
    }
    return new Member(Long.toString(1_000_000L + id), Instant.ofEpochSecond(joined), Instant.ofEpochSecond(created),
        r.nextDouble() < 0.8, r.nextDouble() < 0.005, lastActive);
  }

  private static int poisson(SplittableRandom r, double mean) {
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = r.nextDouble();
    while (p > l) {
      k++;
      p *= r.nextDouble();
    }
    return k;
  }

  private static double gaussian(SplittableRandom r) {
    double u = Math.max(1e-12, r.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}

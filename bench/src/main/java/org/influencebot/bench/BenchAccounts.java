package org.influencebot.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.account.Post;

/**
 * Deterministic benchmark inputs, generated the way {@code SampleAccounts} generates the built-in sample
 * (same distributions for followers, posts and history; its generators are private, so they are
 * reproduced here). Every method takes a seeded {@link Random}: same seed, same accounts.
 */
public final class BenchAccounts {
  /** Observation time of every generated account (the sample's). */
  public static final Instant OBSERVED = Instant.parse("2026-11-01T12:00:00Z");

  private BenchAccounts() {}

  /**
   * A mid-size creator with a full set of inputs: {@code sampleSize} followers in the sample (5% fake-looking),
   * {@code days} days of follower history, {@code posts} original posts and a 400-interaction engager sample.
   */
  public static Account creator(Random r, String handle, int sampleSize, int days, int posts) {
    return creator(r, handle, sampleSize, days, posts, followers(r, sampleSize, 0.05), engagers(r, 400, 260, 0.03));
  }

  /** As above, with given (possibly shared) follower and engager samples. */
  public static Account creator(Random r, String handle, int sampleSize, int days, int posts, List<Account> sample,
      List<Account> engagers) {
    long followers = 42_000;
    return Account.builder(handle).network("sample").displayName("Creator " + handle)
        .createdAt(OBSERVED.minus(Duration.ofDays(2900))).observedAt(OBSERVED)
        .hasAvatar(true).defaultProfile(false).verified(false).isProtected(false).declaredBot(false)
        .followers(followers).following(610).posts(8_400).likes(21_000).listed(310)
        .bio("Illustrator. Weekly comics about cats and commuting.").location("Lyon").url("https://example.org/c")
        .recentPosts(posts(r, posts, 1.0, 800, 0.12, 0.2))
        .followerHistory(history(r, days, followers, 38, 12))
        .followerSample(sample.subList(0, Math.min(sampleSize, sample.size())))
        .followerSampleMethod(Account.SampleMethod.NEWEST)
        .engagerSample(engagers)
        .lastPostAt(OBSERVED.minus(Duration.ofHours(20)))
        .build();
  }

  /** Daily follower counts ending at {@code end}, one new {@link LocalDate} per point, as a parsed source gives. */
  public static List<FollowerPoint> history(Random r, int days, long end, double meanGain, double noise) {
    long[] counts = new long[days];
    counts[days - 1] = end;
    for (int i = days - 2; i >= 0; i--) {
      long gain = Math.round(meanGain + noise * r.nextGaussian());
      counts[i] = Math.max(0, counts[i + 1] - gain);
    }
    LocalDate last = OBSERVED.atZone(ZoneOffset.UTC).toLocalDate();
    List<FollowerPoint> out = new ArrayList<>(days);
    for (int i = 0; i < days; i++) {
      out.add(new FollowerPoint(last.minusDays(days - 1L - i), counts[i]));
    }
    return out;
  }

  public static List<Post> posts(Random r, int n, double perDay, double interactions, double repostShare,
      double replyShare) {
    List<Post> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant at = OBSERVED.minus(Duration.ofMinutes(Math.round((i + 0.5) * 1440 / perDay)));
      double total = Math.max(0, interactions * Math.exp(0.35 * r.nextGaussian()));
      long reposts = Math.round(total * repostShare);
      long replies = Math.round(total * replyShare);
      long quotes = Math.round(total * repostShare * 0.1);
      long likes = Math.max(0, Math.round(total) - reposts - replies - quotes);
      out.add(Post.original(at, likes, reposts, replies, quotes));
    }
    return out;
  }

  public static List<Account> followers(Random r, int n, double fakeShare) {
    List<Account> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.nextDouble() < fakeShare ? fakeFollower(r, "f" + i + "_" + r.nextInt(100_000))
          : realFollower(r, "u" + i + "_" + r.nextInt(100_000)));
    }
    return out;
  }

  public static List<Account> engagers(Random r, int interactions, int distinct, double fakeShare) {
    List<Account> pool = followers(r, distinct, fakeShare);
    List<Account> out = new ArrayList<>(interactions);
    out.addAll(pool);
    for (int i = distinct; i < interactions; i++) {
      out.add(pool.get(r.nextInt(pool.size())));
    }
    return out;
  }

  static Account realFollower(Random r, String handle) {
    int age = 400 + r.nextInt(4000);
    long followers = Math.round(Math.exp(4.5 + 1.3 * r.nextGaussian()));
    long following = Math.round(Math.exp(5.3 + 0.8 * r.nextGaussian()));
    return Account.builder(handle).network("sample")
        .createdAt(OBSERVED.minus(Duration.ofDays(age))).observedAt(OBSERVED)
        .followers(Math.max(35, followers)).following(Math.max(20, following))
        .posts(Math.max(60, Math.round(Math.exp(6.5 + 1.2 * r.nextGaussian()))))
        .likes(Math.round(Math.exp(5.5 + 1.5 * r.nextGaussian())))
        .listed(r.nextInt(4) == 0 ? 1 + r.nextInt(12) : 0)
        .hasAvatar(true).defaultProfile(r.nextInt(5) == 0).verified(false).isProtected(r.nextInt(12) == 0)
        .bio("likes music and mountains").location(r.nextBoolean() ? "Lyon" : null)
        .build();
  }

  static Account fakeFollower(Random r, String handle) {
    int age = 20 + r.nextInt(200);
    return Account.builder(handle).network("sample")
        .createdAt(OBSERVED.minus(Duration.ofDays(age))).observedAt(OBSERVED)
        .followers(r.nextInt(12)).following(300 + r.nextInt(1700)).posts(r.nextInt(15))
        .likes(r.nextInt(5)).listed(0)
        .hasAvatar(r.nextInt(4) == 0).defaultProfile(true).verified(false).isProtected(false)
        .build();
  }
}

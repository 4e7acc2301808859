package org.influencebot.core.source;

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
 * The built-in sample: synthetic, deterministic accounts (fixed seed, fixed observation time) that
 * show every signal. Listed in the README with what each shows.
 */
public final class SampleAccounts {
  /** When the sample accounts were "observed": scores do not change with the day they are computed. */
  public static final Instant OBSERVED = Instant.parse("2026-11-01T12:00:00Z");
  private static final long SEED = 20261101L;

  private SampleAccounts() {}

  public static List<Account> all() {
    Random random = new Random(SEED);
    List<Account> out = new ArrayList<>();
    out.add(midCreator(random));
    out.add(megastar(random));
    out.add(smallPerson(random));
    out.add(boughtFollowers(random));
    out.add(botAmplified(random));
    out.add(declaredBot(random));
    out.add(weekOld(random));
    out.add(privateAccount(random));
    out.add(countsOnly());
    return out;
  }

  private static Account.Builder base(String handle, String name, int ageDays) {
    return Account.builder(handle).network("sample").displayName(name)
        .createdAt(OBSERVED.minus(Duration.ofDays(ageDays))).observedAt(OBSERVED)
        .hasAvatar(true).defaultProfile(false).verified(false).isProtected(false).declaredBot(false);
  }

  /** A genuine mid-size creator: steady growth, engagement usual for 42,000 followers, varied amplifiers. */
  private static Account midCreator(Random r) {
    long followers = 42_000;
    return base("mid_creator", "Camille (illustration)", 2900)
        .followers(followers).following(610).posts(8_400).likes(21_000).listed(310)
        .bio("Illustrator. Weekly comics about cats and commuting.").location("Lyon").url("https://example.org/camille")
        .recentPosts(posts(r, 60, 1.0, 800, 0.12, 0.2))
        .followerHistory(history(r, 365, followers, 38, 12))
        .followerSample(followers(r, 300, 0.05)).followerSampleMethod(Account.SampleMethod.NEWEST)
        .engagerSample(engagers(r, 400, 260, 0.03))
        .lastPostAt(OBSERVED.minus(Duration.ofHours(20)))
        .build();
  }

  /** A very large verified account. */
  private static Account megastar(Random r) {
    long followers = 3_200_000;
    return base("megastar", "Megastar", 5200)
        .followers(followers).following(420).posts(31_000).likes(9_000).listed(24_000).verified(true)
        .bio("Singer. New album out now.").location("Paris")
        .recentPosts(posts(r, 100, 1.5, 19_000, 0.12, 0.15))
        .followerHistory(history(r, 365, followers, 2100, 500))
        .followerSample(followers(r, 500, 0.08)).followerSampleMethod(Account.SampleMethod.RANDOM)
        .engagerSample(engagers(r, 600, 560, 0.05))
        .lastPostAt(OBSERVED.minus(Duration.ofHours(5)))
        .build();
  }

  /** A small personal account. */
  private static Account smallPerson(Random r) {
    long followers = 240;
    return base("small_person", "Jo", 2100)
        .followers(followers).following(180).posts(1_500).likes(4_200).listed(2)
        .bio("Cycling, bread, bad puns.").location("Nantes")
        .recentPosts(posts(r, 20, 0.3, 20, 0.1, 0.2))
        .followerHistory(history(r, 180, followers, 0.3, 0.8))
        .followerSample(followers(r, 120, 0.03)).followerSampleMethod(Account.SampleMethod.RANDOM)
        .lastPostAt(OBSERVED.minus(Duration.ofDays(2)))
        .build();
  }

  /** Bought 5,000 followers in one day: a spike, a fake-looking sample of newest followers, low engagement. */
  private static Account boughtFollowers(Random r) {
    long organic = 1_150;
    List<FollowerPoint> h = history(r, 120, organic, 3, 2);
    List<FollowerPoint> bought = new ArrayList<>();
    int spikeDay = 80;
    for (int i = 0; i < h.size(); i++) {
      long extra = 0;
      if (i >= spikeDay) {
        long purged = Math.min(600, (i - spikeDay) * 15L); // the slow decline as fakes are purged
        extra = 5_000 - purged;
      }
      bought.add(new FollowerPoint(h.get(i).at(), h.get(i).followers() + extra));
    }
    long followers = bought.get(bought.size() - 1).followers();
    List<Account> sample = followers(r, 200, 0.78);
    return base("bought_5k", "Growth Guru", 900)
        .followers(followers).following(820).posts(640).likes(900).listed(3)
        .bio("Entrepreneur | Mindset | DM for collabs").location("Online")
        .recentPosts(posts(r, 30, 0.7, 25, 0.08, 0.1))
        .followerHistory(bought)
        .followerSample(sample).followerSampleMethod(Account.SampleMethod.NEWEST)
        .lastPostAt(OBSERVED.minus(Duration.ofDays(1)))
        .build();
  }

  /** Reposts come from a handful of bot accounts. */
  private static Account botAmplified(Random r) {
    long followers = 8_000;
    List<Account> ring = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ring.add(fakeFollower(r, "promo_" + (1000 + r.nextInt(9000))));
    }
    List<Account> engagers = new ArrayList<>();
    for (int post = 0; post < 30; post++) {
      engagers.addAll(ring);
      if (r.nextInt(3) == 0) {
        engagers.add(realFollower(r, "reader_" + post));
      }
    }
    return base("bot_amplified", "Crypto Signals Daily", 700)
        .followers(followers).following(1_900).posts(3_100).likes(150).listed(4)
        .bio("Signals. Not financial advice.")
        .recentPosts(posts(r, 30, 1.0, 140, 0.7, 0.02))
        .followerHistory(history(r, 120, followers, 12, 6))
        .followerSample(followers(r, 150, 0.2)).followerSampleMethod(Account.SampleMethod.NEWEST)
        .engagerSample(engagers)
        .lastPostAt(OBSERVED.minus(Duration.ofHours(9)))
        .build();
  }

  /** An honest, self-declared bot. */
  private static Account declaredBot(Random r) {
    long followers = 3_100;
    return base("weather_bot", "Hourly Weather Lyon (bot)", 1500).declaredBot(true)
        .followers(followers).following(2).posts(36_000).likes(0).listed(40)
        .bio("Automated: posts the weather in Lyon every hour.").location("Lyon")
        .recentPosts(posts(r, 100, 24, 3, 0.2, 0.0))
        .followerHistory(history(r, 120, followers, 2, 1.5))
        .followerSample(followers(r, 100, 0.06)).followerSampleMethod(Account.SampleMethod.NEWEST)
        .lastPostAt(OBSERVED.minus(Duration.ofMinutes(40)))
        .build();
  }

  /** A week-old account. */
  private static Account weekOld(Random r) {
    return base("brand_new", "New Here", 7).hasAvatar(false).defaultProfile(true)
        .followers(12).following(140).posts(3).likes(5).listed(0)
        .recentPosts(posts(r, 3, 0.5, 1, 0.0, 0.0))
        .followerHistory(history(r, 7, 12, 1.5, 1))
        .lastPostAt(OBSERVED.minus(Duration.ofDays(1)))
        .build();
  }

  /** A private account: its follower list and posts cannot be read. */
  private static Account privateAccount(Random r) {
    return base("locked_down", "Private Person", 1800).isProtected(true)
        .followers(650).following(400).posts(2_300).likes(3_000).listed(5)
        .bio("Friends only.")
        .build();
  }

  /** Only counts are known, as from a source that gives nothing else. */
  private static Account countsOnly() {
    return Account.builder("counts_only").network("sample").observedAt(OBSERVED)
        .followers(15_000).following(300).posts(2_100)
        .build();
  }

  // ------------------------------------------------------------------ generators (also used by the benchmarks)

  /** Daily follower counts ending at {@code end}, with a mean daily gain and noise. */
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

  /** Original posts, newest first, {@code perDay} a day, with about {@code interactions} reactions each. */
  public static List<Post> posts(Random r, int n, double perDay, double interactions, double repostShare, double replyShare) {
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

  /** Accounts in the synthetic reference sample of the {@code sample} network. */
  public static final int REFERENCE_SIZE = 500;
  /** Its share of fake-looking accounts: a random sample of a network holds a few. */
  public static final double REFERENCE_FAKES = 0.04;

  /**
   * The synthetic reference of the {@code sample} network: ordinary accounts drawn by the same generators as
   * the sample's followers, a few of them fake, "drawn" when the sample accounts were observed.
   */
  public static org.influencebot.core.reference.Reference reference() {
    Random r = new Random(SEED + 1);
    return new org.influencebot.core.reference.Reference("sample", followers(r, REFERENCE_SIZE, REFERENCE_FAKES),
        OBSERVED, org.influencebot.core.reference.Reference.Method.SYNTHETIC, "built-in sample");
  }

  public static List<Account> followers(Random r, int n, double fakeShare) {
    List<Account> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.nextDouble() < fakeShare ? fakeFollower(r, "f" + i + "_" + r.nextInt(100_000))
          : realFollower(r, "u" + i + "_" + r.nextInt(100_000)));
    }
    return out;
  }

  /** {@code interactions} engagements by {@code distinct} accounts, a share of them fake-looking. */
  public static List<Account> engagers(Random r, int interactions, int distinct, double fakeShare) {
    List<Account> pool = followers(r, distinct, fakeShare);
    List<Account> out = new ArrayList<>(interactions);
    out.addAll(pool);
    for (int i = distinct; i < interactions; i++) {
      out.add(pool.get(r.nextInt(pool.size())));
    }
    return out;
  }

  /**
   * A genuine-looking follower, drawn within the ranges of the human accounts of the labeled datasets
   * (ages of about 2 to 7 years, a hundred followers, hundreds of posts), so that the estimator judges it
   * as it would judge a real account.
   */
  public static Account realFollower(Random r, String handle) {
    int age = 600 + r.nextInt(1900);
    long followers = Math.round(Math.exp(4.5 + 1.3 * r.nextGaussian()));
    long following = Math.round(Math.exp(5.3 + 0.8 * r.nextGaussian()));
    return Account.builder(handle).network("sample")
        .createdAt(OBSERVED.minus(Duration.ofDays(age))).observedAt(OBSERVED)
        .followers(Math.max(35, followers)).following(Math.max(20, following))
        .posts(Math.max(60, Math.round(Math.exp(6.5 + 1.2 * r.nextGaussian()))))
        .likes(Math.round(Math.exp(3.5 + 2 * r.nextGaussian())))
        .listed(r.nextInt(4) == 0 ? 1 + r.nextInt(12) : 0)
        .hasAvatar(true).defaultProfile(r.nextInt(5) == 0).verified(false).isProtected(r.nextInt(12) == 0)
        .bio("likes music and mountains").location(r.nextBoolean() ? "Lyon" : null)
        .build();
  }

  /**
   * A bought-looking follower, drawn within the ranges of the fake followers of the labeled datasets
   * (accounts a few years old with a handful of followers, hundreds followed, a few dozen posts, no likes).
   */
  public static Account fakeFollower(Random r, String handle) {
    int age = 700 + r.nextInt(800);
    return Account.builder(handle).network("sample")
        .createdAt(OBSERVED.minus(Duration.ofDays(age))).observedAt(OBSERVED)
        .followers(r.nextInt(26)).following(40 + r.nextInt(600)).posts(r.nextInt(64))
        .likes(0).listed(0)
        .hasAvatar(r.nextInt(10) != 0).defaultProfile(true).verified(false).isProtected(false)
        .bio(r.nextInt(5) == 0 ? null : "love life")
        .build();
  }
}

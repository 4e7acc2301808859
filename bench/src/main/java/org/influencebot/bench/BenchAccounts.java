package org.influencebot.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.source.SampleAccounts;

/**
 * Deterministic benchmark inputs, made with the built-in sample's own generators ({@link SampleAccounts}).
 * Every method takes a seeded {@link Random}: same seed, same accounts.
 */
public final class BenchAccounts {
  /** Observation time of every generated account (the sample's). */
  public static final Instant OBSERVED = SampleAccounts.OBSERVED;

  private BenchAccounts() {}

  /**
   * A mid-size creator with a full set of inputs: {@code sampleSize} followers in the sample (5% fake-looking),
   * {@code days} days of follower history, {@code posts} original posts and a 400-interaction engager sample.
   */
  public static Account creator(Random r, String handle, int sampleSize, int days, int posts) {
    return creator(r, handle, sampleSize, days, posts, SampleAccounts.followers(r, sampleSize, 0.05),
        SampleAccounts.engagers(r, 400, 260, 0.03));
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
        .recentPosts(SampleAccounts.posts(r, posts, 1.0, 800, 0.12, 0.2))
        .followerHistory(SampleAccounts.history(r, days, followers, 38, 12))
        .followerSample(sample.subList(0, Math.min(sampleSize, sample.size())))
        .followerSampleMethod(Account.SampleMethod.NEWEST)
        .engagerSample(engagers)
        .lastPostAt(OBSERVED.minus(Duration.ofHours(20)))
        .build();
  }
}

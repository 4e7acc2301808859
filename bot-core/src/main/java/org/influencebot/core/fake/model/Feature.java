package org.influencebot.core.fake.model;

import java.util.Locale;
import org.influencebot.core.account.Account;

/**
 * The profile features of the fake-account model. Every feature is scale-free (a logarithm, a ratio,
 * a rate per day of account age, a flag or a small count) and names the profile fields it needs. A
 * feature whose fields are unknown is {@link Double#NaN}: missing, never zero.
 *
 * <p>Deliberately absent: ids, crawl dates, theme colours, location and URL (whose presence differs by
 * how each dataset was collected, not by what the account is), the network itself, and the default
 * theme and the digits and length of the handle: those three were tried and made the model worse on the
 * file it was not trained on (docs/evaluation.md).
 */
public enum Feature {
  LOG_FOLLOWERS(Fields.FOLLOWERS, "feature.few_followers", "feature.many_followers"),
  LOG_FOLLOWING(Fields.FOLLOWING, "feature.follows_few", "feature.follows_many"),
  LOG_POSTS(Fields.POSTS, "feature.few_posts", "feature.many_posts"),
  LOG_LIKES(Fields.LIKES, "feature.few_likes", "feature.many_likes"),
  LOG_LISTED(Fields.LISTED, "feature.rarely_listed", "feature.often_listed"),
  /** ln(1+following) - 2 ln(1+followers): Cresci et al.'s following / followers². */
  FOLLOWING_PER_FOLLOWERS_SQUARED(Fields.FOLLOWERS | Fields.FOLLOWING, "feature.followed_back", "feature.following_ratio"),
  /** How far below 30 followers, in log units (0 from 30 on): the best single published rule. */
  UNDER_30_FOLLOWERS(Fields.FOLLOWERS, null, "feature.few_followers"),
  /** How far below 50 posts, in log units (0 from 50 on). */
  UNDER_50_POSTS(Fields.POSTS, null, "feature.few_posts"),
  /** 1 when on no list at all. */
  NEVER_LISTED(Fields.LISTED, null, "feature.never_listed"),
  LOG_AGE_DAYS(Fields.AGE, "feature.young_account", "feature.old_account"),
  POSTS_PER_DAY(Fields.POSTS | Fields.AGE, "feature.posts_rarely", "feature.posts_often"),
  FOLLOWERS_PER_DAY(Fields.FOLLOWERS | Fields.AGE, "feature.followers_slow", "feature.followers_fast"),
  FOLLOWING_PER_DAY(Fields.FOLLOWING | Fields.AGE, "feature.follows_slowly", "feature.follows_fast"),
  LIKES_PER_DAY(Fields.LIKES | Fields.AGE, "feature.likes_rarely", "feature.likes_often"),
  HAS_AVATAR(Fields.AVATAR, "feature.no_avatar", "feature.has_avatar"),
  BIO_LENGTH(Fields.BIO, "feature.short_bio", "feature.long_bio");

  private static final Feature[] ALL = values();
  public static final int COUNT = ALL.length;
  private static final double LN_31 = Math.log(31);
  private static final double LN_51 = Math.log(51);
  private static final double SECONDS_PER_DAY = 86_400.0;

  private final int fields;
  private final String lowKey;
  private final String highKey;

  Feature(int fields, String lowKey, String highKey) {
    this.fields = fields;
    this.lowKey = lowKey;
    this.highKey = highKey;
  }

  /** The name in the model file, such as {@code log_followers}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Feature byId(String id) {
    for (Feature f : ALL) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown feature \"" + id + "\"");
  }

  /** The {@link Fields} bits this feature needs. */
  public int fields() {
    return fields;
  }

  /** Whether the feature rests only on soft fields (avatar, bio): then a missing value is learned as its own case. */
  public boolean soft() {
    return fields != 0 && (fields & ~Fields.SOFT) == 0;
  }

  /**
   * The message key that explains a value below the training average pushing toward fake; null for the
   * one-sided rule features (under 30 followers, under 50 posts, never listed), whose low side, through
   * correlated features, would otherwise be reported with a misleading reason.
   */
  public String lowKey() {
    return lowKey;
  }

  /** The message key that explains a value above the training average pushing toward fake. */
  public String highKey() {
    return highKey;
  }

  /**
   * Writes every feature of {@code a} into {@code out} ({@link #COUNT} long), NaN where unknown.
   *
   * @param nowEpochSecond the observation time used when the account has no {@code observed_at}
   * @return the {@link Fields} bits that are known
   */
  public static int extract(Account a, long nowEpochSecond, double[] out) {
    int known = 0;
    double fol = Double.NaN;
    double fing = Double.NaN;
    double posts = Double.NaN;
    double likes = Double.NaN;
    double listed = Double.NaN;
    double age = Double.NaN;
    if (a.followers().isPresent()) {
      fol = a.followers().getAsLong();
      known |= Fields.FOLLOWERS;
    }
    if (a.following().isPresent()) {
      fing = a.following().getAsLong();
      known |= Fields.FOLLOWING;
    }
    if (a.posts().isPresent()) {
      posts = a.posts().getAsLong();
      known |= Fields.POSTS;
    }
    if (a.likes().isPresent()) {
      likes = a.likes().getAsLong();
      known |= Fields.LIKES;
    }
    if (a.listed().isPresent()) {
      listed = a.listed().getAsLong();
      known |= Fields.LISTED;
    }
    if (a.createdAt().isPresent()) {
      long created = a.createdAt().get().getEpochSecond();
      long observed = a.observedAt().isPresent() ? a.observedAt().get().getEpochSecond() : nowEpochSecond;
      age = Math.max(0, observed - created) / SECONDS_PER_DAY;
      known |= Fields.AGE;
    }
    double lnFol = Math.log1p(fol);
    double lnFing = Math.log1p(fing);
    double lnPosts = Math.log1p(posts);
    // Rates use at least one day of age, so that a new account does not divide by zero.
    double days = Math.max(1.0, age);
    out[LOG_FOLLOWERS.ordinal()] = lnFol;
    out[LOG_FOLLOWING.ordinal()] = lnFing;
    out[LOG_POSTS.ordinal()] = lnPosts;
    out[LOG_LIKES.ordinal()] = Math.log1p(likes);
    out[LOG_LISTED.ordinal()] = Math.log1p(listed);
    out[FOLLOWING_PER_FOLLOWERS_SQUARED.ordinal()] = lnFing - 2 * lnFol;
    out[UNDER_30_FOLLOWERS.ordinal()] = Math.max(0, LN_31 - lnFol);
    out[UNDER_50_POSTS.ordinal()] = Math.max(0, LN_51 - lnPosts);
    out[NEVER_LISTED.ordinal()] = listed != listed ? Double.NaN : (listed == 0 ? 1 : 0);
    out[LOG_AGE_DAYS.ordinal()] = Math.log1p(age);
    out[POSTS_PER_DAY.ordinal()] = Math.log1p(posts / days);
    out[FOLLOWERS_PER_DAY.ordinal()] = Math.log1p(fol / days);
    out[FOLLOWING_PER_DAY.ordinal()] = Math.log1p(fing / days);
    out[LIKES_PER_DAY.ordinal()] = Math.log1p(likes / days);
    // Math.max(0, NaN) is NaN: the NaN of an unknown field carries through every formula above.
    if (a.hasAvatar().isPresent()) {
      out[HAS_AVATAR.ordinal()] = a.hasAvatar().get() ? 1 : 0;
      known |= Fields.AVATAR;
    } else {
      out[HAS_AVATAR.ordinal()] = Double.NaN;
    }
    if (a.bio().isPresent()) {
      out[BIO_LENGTH.ordinal()] = Math.log1p(a.bio().get().strip().length());
      known |= Fields.BIO;
    } else {
      out[BIO_LENGTH.ordinal()] = Double.NaN;
    }
    return known;
  }

  /** Bits naming the profile fields a feature rests on. */
  public static final class Fields {
    public static final int FOLLOWERS = 1;
    public static final int FOLLOWING = 1 << 1;
    public static final int POSTS = 1 << 2;
    public static final int LIKES = 1 << 3;
    public static final int LISTED = 1 << 4;
    /** {@code created_at} known (with {@code observed_at} or the scoring time). */
    public static final int AGE = 1 << 5;
    public static final int AVATAR = 1 << 6;
    public static final int BIO = 1 << 7;
    public static final int SOFT = AVATAR | BIO;

    private static final String[] NAMES = {"followers", "following", "posts", "likes", "listed", "created_at",
        "has_avatar", "bio"};

    private Fields() {}

    public static String describe(int mask) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < NAMES.length; i++) {
        if ((mask & (1 << i)) != 0) {
          sb.append(sb.length() == 0 ? "" : ",").append(NAMES[i]);
        }
      }
      return sb.toString();
    }

    public static int parse(String names) {
      int mask = 0;
      for (String n : names.split(",")) {
        String t = n.strip();
        if (t.isEmpty()) {
          continue;
        }
        int i = java.util.Arrays.asList(NAMES).indexOf(t);
        if (i < 0) {
          throw new IllegalArgumentException("unknown field \"" + t + "\"; known: " + String.join(", ", NAMES));
        }
        mask |= 1 << i;
      }
      return mask;
    }
  }
}

package org.influencebot.core.fake.evaluation;

import org.influencebot.core.account.Account;

/**
 * The published profile rules that Cresci et al. (2015) measured, as baselines computed on the same
 * accounts as the model. A rule whose field is unknown does not fire (the account counts as human):
 * rules cannot abstain. For the bio and location criteria a missing value counts as empty, as on
 * Twitter, where the datasets come from.
 */
public enum PublishedRule {
  /**
   * The profile-only criteria of Camisani-Calzolari's 22 (the rest need the timeline: clients, hashtags,
   * punctuation, retweets received, geolocated tweets, ...): the profile has a name, an image, an
   * address (location), a biography, a URL; at least 30 followers; listed at least once; at least 50
   * posts; 2 x followers >= following. Each satisfied criterion gives a human point, each failed one a
   * bot point (equal weights; unknown fields give neither), and the account is fake when bot points
   * exceed human points. Score for the AUC: bot minus human points.
   */
  CAMISANI_CALZOLARI("Camisani-Calzolari (9 profile criteria of 22)", 0.548, 0.974, 0.062, 0.116, 0.175) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      int human = 0;
      int bot = 0;
      boolean[] tests = {
          a.displayName().filter(s -> !s.isBlank()).isPresent(),
          a.hasAvatar().orElse(true),
          a.location().filter(s -> !s.isBlank()).isPresent(),
          a.bio().filter(s -> !s.isBlank()).isPresent(),
          a.url().filter(s -> !s.isBlank()).isPresent()};
      for (int i = 0; i < tests.length; i++) {
        if (i == 1 && a.hasAvatar().isEmpty()) {
          continue;
        }
        if (tests[i]) {
          human++;
        } else {
          bot++;
        }
      }
      if (a.followers().isPresent()) {
        if (a.followers().getAsLong() >= 30) human++; else bot++;
      }
      if (a.listed().isPresent()) {
        if (a.listed().getAsLong() >= 1) human++; else bot++;
      }
      if (a.posts().isPresent()) {
        if (a.posts().getAsLong() >= 50) human++; else bot++;
      }
      if (a.followers().isPresent() && a.following().isPresent()) {
        if (2 * a.followers().getAsLong() >= a.following().getAsLong()) human++; else bot++;
      }
      return bot - human;
    }

    @Override
    public boolean fake(double score) {
      return score > 0;
    }
  },
  /**
   * Socialbakers' profile criteria (the rest need posts): following:followers >= 50:1; never posted;
   * default picture after 2 months; no bio, no location and following over 100. Fake when any fires;
   * score = how many fire.
   */
  SOCIALBAKERS("Socialbakers (4 profile criteria, any)", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      int fired = 0;
      fired += (int) SOCIALBAKERS_RATIO_50.score(a, nowEpochSecond);
      fired += (int) SOCIALBAKERS_EMPTY_PROFILE.score(a, nowEpochSecond);
      if (a.posts().isPresent() && a.posts().getAsLong() == 0) {
        fired++;
      }
      if (a.hasAvatar().isPresent() && !a.hasAvatar().get() && a.createdAt().isPresent()) {
        long observed = a.observedAt().map(java.time.Instant::getEpochSecond).orElse(nowEpochSecond);
        if (observed - a.createdAt().get().getEpochSecond() > 60L * 86_400) {
          fired++;
        }
      }
      return fired;
    }
  },
  SOCIALBAKERS_RATIO_50("Socialbakers: following:followers >= 50:1", 0.581, 0.997, 0.162, Double.NaN, 0.296) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      if (a.followers().isEmpty() || a.following().isEmpty()) {
        return 0;
      }
      return a.following().getAsLong() >= 50 * Math.max(1, a.followers().getAsLong()) ? 1 : 0;
    }
  },
  SOCIALBAKERS_EMPTY_PROFILE("Socialbakers: no bio, no location, following > 100", 0.559, Double.NaN, Double.NaN,
      Double.NaN, 0.231) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      boolean noBio = a.bio().filter(s -> !s.isBlank()).isEmpty();
      boolean noLocation = a.location().filter(s -> !s.isBlank()).isEmpty();
      return noBio && noLocation && a.following().orElse(0) > 100 ? 1 : 0;
    }
  },
  FOLLOWERS_30("single rule: followers >= 30", 0.881, Double.NaN, Double.NaN, Double.NaN, 0.768) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      return a.followers().isPresent() && a.followers().getAsLong() < 30 ? 1 : 0;
    }
  },
  POSTS_50("single rule: posts >= 50", 0.865, Double.NaN, Double.NaN, Double.NaN, 0.735) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      return a.posts().isPresent() && a.posts().getAsLong() < 50 ? 1 : 0;
    }
  },
  LISTED_1("single rule: listed >= 1", 0.755, Double.NaN, Double.NaN, Double.NaN, 0.566) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      return a.listed().isPresent() && a.listed().getAsLong() < 1 ? 1 : 0;
    }
  },
  FOLLOWERS_2X("single rule: 2 x followers >= following", 0.721, Double.NaN, Double.NaN, Double.NaN, 0.531) {
    @Override
    public double score(Account a, long nowEpochSecond) {
      return a.followers().isPresent() && a.following().isPresent()
          && 2 * a.followers().getAsLong() < a.following().getAsLong() ? 1 : 0;
    }
  };

  private final String label;
  private final double[] paper;

  PublishedRule(String label, double accuracy, double precision, double recall, double f1, double mcc) {
    this.label = label;
    this.paper = new double[] {accuracy, precision, recall, f1, mcc};
  }

  /** Larger means more likely fake (for the AUC). */
  public abstract double score(Account a, long nowEpochSecond);

  /** Whether this score calls the account fake. */
  public boolean fake(double score) {
    return score >= 1;
  }

  public String label() {
    return label;
  }

  /**
   * Cresci et al. 2015's figures for this rule on their own balanced set (accuracy, precision, recall,
   * F1, MCC; NaN where not published), from {@code shared/datasets/README.md}.
   */
  public double[] paperFigures() {
    return paper.clone();
  }
}

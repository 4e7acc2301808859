package org.influencebot.core.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.influencebot.core.account.Account;

/**
 * A transparent rule score from the published criteria (Cresci et al. 2015's best single rules,
 * Socialbakers, HypeAuditor): each rule that fires adds its weight in log-odds. Kept as the baseline
 * the trained model is compared with, and as a fallback.
 */
public final class RuleFakeScorer implements FakeScorer {
  private static final double PRIOR = -2.0;
  private static final double THRESHOLD = 0.8;
  private final Instant now;

  public RuleFakeScorer(Instant now) {
    this.now = now;
  }

  @Override
  public String name() {
    return "rules-v1";
  }

  @Override
  public FakeAssessment assess(Account a) {
    Map<String, Double> fired = new TreeMap<>();
    int known = 0;
    if (a.followers().isPresent()) {
      known++;
      if (a.followers().getAsLong() < 30) {
        fired.put("feature.few_followers", 1.8);
      }
    }
    if (a.posts().isPresent()) {
      known++;
      if (a.posts().getAsLong() < 50) {
        fired.put("feature.few_posts", 1.6);
      }
    }
    if (a.listed().isPresent()) {
      known++;
      if (a.listed().getAsLong() == 0) {
        fired.put("feature.never_listed", 0.8);
      }
    }
    if (a.followers().isPresent() && a.following().isPresent()) {
      long fol = a.followers().getAsLong();
      long fing = a.following().getAsLong();
      if (fing >= 50 * Math.max(1, fol) && fing >= 100) {
        fired.put("feature.following_ratio", 1.6);
      } else if (2 * fol < fing) {
        fired.put("feature.following_ratio", 0.9);
      }
    }
    if (a.hasAvatar().isPresent()) {
      known++;
      if (!a.hasAvatar().get() && a.ageDays(now).orElse(0) > 60) {
        fired.put("feature.no_avatar", 1.0);
      }
    }
    if (a.bio().isEmpty() && a.location().isEmpty() && a.following().orElse(0) > 100) {
      fired.put("feature.empty_profile", 0.7);
    }
    if (a.following().orElse(0) > 1500 && a.followers().isPresent()) {
      fired.put("feature.mass_following", 0.6);
    }
    if (known < 2) {
      return FakeAssessment.notEnoughEvidence();
    }
    double logit = PRIOR + fired.values().stream().mapToDouble(Double::doubleValue).sum();
    double p = 1 / (1 + Math.exp(-logit));
    List<String> drivers = new ArrayList<>(fired.keySet());
    drivers.sort(Comparator.comparingDouble((String k) -> -fired.get(k)));
    return new FakeAssessment(p, true, p >= THRESHOLD, drivers.subList(0, Math.min(3, drivers.size())));
  }
}

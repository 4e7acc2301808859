package org.influencebot.core.quantify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.reference.References;

/**
 * What each network's audiences and profiles are measured against ({@code docs/methodology.md}, "Measured
 * against the network"): the network's reference sample when the bot has one ({@link ReferenceEstimator});
 * else nothing: the audit says there is no yardstick instead of borrowing error rates measured on other
 * populations. An account's own profile without a reference is judged by the model's threshold only on the
 * network the labeled files come from ({@link #LABELED_NETWORKS}). Thread-safe.
 */
public final class Yardsticks {
  /** The network the labeled datasets come from: the model's thresholds may judge profiles there only. */
  public static final Set<String> LABELED_NETWORKS = Set.of("twitter");

  private final References references;
  private final ReferenceEstimator estimator;
  /** For tests and scorers without a model: one estimator for every network, thresholds everywhere. */
  private final ShareEstimator uniform;
  /** Each reference scored once (by identity: a refreshed reference is a new object). */
  private final Cache<Reference, Yardstick> scored = Caffeine.newBuilder().weakKeys().maximumSize(64).build();

  public Yardsticks(References references, ReferenceEstimator estimator) {
    this(references, estimator, null);
  }

  private Yardsticks(References references, ReferenceEstimator estimator, ShareEstimator uniform) {
    this.references = references;
    this.estimator = estimator;
    this.uniform = uniform;
  }

  /** The shipped model, with these references. */
  public static Yardsticks shipped(References references) {
    return new Yardsticks(references, new ReferenceEstimator(FakeModel.loadDefault()));
  }

  /** One estimator for every network and no reference: for tests and scorers without a model. */
  public static Yardsticks uniform(ShareEstimator estimator) {
    return new Yardsticks(References.none(), null, estimator);
  }

  /** The network's scored reference, when the bot has one with enough accounts the model can score. */
  public Optional<Yardstick> yardstick(Optional<String> network) {
    if (estimator == null) {
      return Optional.empty();
    }
    return network.flatMap(references::find).map(r -> scored.get(r, x -> Yardstick.of(x, estimator.model())))
        .filter(y -> y.size() >= ReferenceEstimator.MIN_REFERENCE);
  }

  /** Whether an account's own profile on {@code network} may be judged by the model's threshold. */
  public boolean labeled(Optional<String> network) {
    return uniform != null || network.map(LABELED_NETWORKS::contains).orElse(false);
  }

  /** How a sample of followers of an account on {@code network} is measured. */
  public ShareEstimator forNetwork(Optional<String> network) {
    if (uniform != null) {
      return uniform;
    }
    Optional<Yardstick> y = yardstick(network);
    if (y.isPresent()) {
      Yardstick yardstick = y.get();
      return (sample, now) -> estimator.estimate(sample, yardstick, now);
    }
    String name = estimator.name();
    return (sample, now) -> new ShareEstimate(0, 0, 1, sample.size(), 0, name, Optional.of(Abstention.NO_REFERENCE), 0);
  }

  /** The references held now, for {@code check-config} and {@code /debug}. */
  public List<Reference.Summary> list() {
    return references.list();
  }
}

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
 * What each network's audiences are measured against ({@code docs/methodology.md}, "Measured against the
 * network"): the network's reference sample when the bot has one ({@link ReferenceEstimator}); else, for a
 * network with labeled data of its own ({@link #LABELED_NETWORKS}), the labeled populations
 * ({@link QuantifyingEstimator}); else nothing: the audit says there is no yardstick instead of borrowing
 * another network's error rates. Thread-safe.
 */
public final class Yardsticks {
  /** The networks the labeled datasets come from: their error rates may serve these networks only. */
  public static final Set<String> LABELED_NETWORKS = Set.of("twitter");

  private final References references;
  private final ReferenceEstimator estimator;
  private final ShareEstimator labeled;
  private final java.util.function.Predicate<Optional<String>> labeledFor;
  /** Each reference scored once (by identity: a refreshed reference is a new object). */
  private final Cache<Reference, Yardstick> scored = Caffeine.newBuilder().weakKeys().maximumSize(64).build();

  public Yardsticks(References references, ReferenceEstimator estimator, ShareEstimator labeled) {
    this(references, estimator, labeled, n -> n.map(LABELED_NETWORKS::contains).orElse(false));
  }

  private Yardsticks(References references, ReferenceEstimator estimator, ShareEstimator labeled,
      java.util.function.Predicate<Optional<String>> labeledFor) {
    this.references = references;
    this.estimator = estimator;
    this.labeled = labeled;
    this.labeledFor = labeledFor;
  }

  /** One estimator for every network and no reference: for tests and scorers without a model. */
  public static Yardsticks uniform(ShareEstimator estimator) {
    return new Yardsticks(References.none(), null, estimator, n -> true);
  }

  /** The shipped model and labeled parameters, with these references. */
  public static Yardsticks shipped(References references) {
    return new Yardsticks(references, new ReferenceEstimator(FakeModel.loadDefault()), ShareEstimators.defaultEstimator());
  }

  /** The network's scored reference, when the bot has one with enough accounts the model can score. */
  public Optional<Yardstick> yardstick(Optional<String> network) {
    if (estimator == null) {
      return Optional.empty();
    }
    return network.flatMap(references::find).map(r -> scored.get(r, x -> Yardstick.of(x, estimator.model())))
        .filter(y -> y.size() >= ReferenceEstimator.MIN_REFERENCE);
  }

  /** Whether accounts of {@code network} may be read with the labeled populations' error rates. */
  public boolean labeled(Optional<String> network) {
    return labeledFor.test(network);
  }

  /** How a sample of followers of an account on {@code network} is measured. */
  public ShareEstimator forNetwork(Optional<String> network) {
    Optional<Yardstick> y = yardstick(network);
    if (y.isPresent()) {
      Yardstick yardstick = y.get();
      return (sample, now) -> estimator.estimate(sample, yardstick, now);
    }
    if (labeledFor.test(network)) {
      return labeled;
    }
    String name = estimator.name();
    return (sample, now) -> new ShareEstimate(0, 0, 1, sample.size(), 0, name, Optional.of(Abstention.NO_REFERENCE), 0);
  }

  /** The references held now, for {@code check-config} and {@code /debug}. */
  public List<Reference.Summary> list() {
    return references.list();
  }
}

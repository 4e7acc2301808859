package org.influencebot.core.quantify;

import java.time.Instant;
import java.util.Arrays;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.reference.Reference;

/**
 * A network's reference sample scored by the fake-account model: the sorted scores of its ordinary accounts,
 * against which an audience's scores (their ranking) and an account's own score are read. Immutable.
 */
public final class Yardstick {
  private final Reference reference;
  private final double[] sorted;

  private Yardstick(Reference reference, double[] sorted) {
    this.reference = reference;
    this.sorted = sorted;
  }

  /** Scores the reference's accounts (those the model can score), each at its own observation time. */
  public static Yardstick of(Reference reference, FakeModel model) {
    long at = reference.sampledAt().getEpochSecond();
    double[] s = new double[reference.accounts().size()];
    int n = 0;
    for (Account a : reference.accounts()) {
      double p = model.probability(a, at);
      if (!Double.isNaN(p)) {
        s[n++] = p;
      }
    }
    double[] sorted = Arrays.copyOf(s, n);
    Arrays.sort(sorted);
    return new Yardstick(reference, sorted);
  }

  public Reference.Summary summary() {
    return reference.summary();
  }

  public String network() {
    return reference.network();
  }

  /** The reference's scored accounts. */
  public int size() {
    return sorted.length;
  }

  /** The scores, ascending (a copy). */
  double[] scores() {
    return sorted.clone();
  }

  /** The score at reference quantile {@code q} (0..1): the {@code ceil(q m)}-th smallest. */
  double quantile(double q) {
    int k = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
  }

  /** The share of the reference's accounts scored strictly more human-like than {@code score}. */
  public double percentile(double score) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return sorted.length == 0 ? 0 : (double) lo / sorted.length;
  }

  /** When the reference was drawn. */
  public Instant sampledAt() {
    return reference.sampledAt();
  }
}

package org.influencebot.core.quantify;

import org.influencebot.core.fake.model.FakeModel;

/** The share estimators the project offers. */
public final class ShareEstimators {
  /** The method chosen by measurement (docs/evaluation.md, "Audits"). */
  public static final QuantifyingEstimator.Method DEFAULT_METHOD = QuantifyingEstimator.Method.EM;

  private static volatile ShareEstimator shipped;

  private ShareEstimators() {}

  /** The shipped model with the shipped quantifier parameters and the chosen method; built once. */
  public static ShareEstimator defaultEstimator() {
    ShareEstimator e = shipped;
    if (e == null) {
      synchronized (ShareEstimators.class) {
        e = shipped;
        if (e == null) {
          e = new QuantifyingEstimator(FakeModel.loadDefault(), QuantifierParameters.loadDefault(), DEFAULT_METHOD);
          shipped = e;
        }
      }
    }
    return e;
  }
}

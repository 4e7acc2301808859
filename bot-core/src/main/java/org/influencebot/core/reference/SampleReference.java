package org.influencebot.core.reference;

import java.util.List;
import java.util.Optional;
import org.influencebot.core.source.SampleAccounts;

/** The built-in sample network's synthetic reference, so that the console shows the same path as a real network. */
public final class SampleReference implements References {
  public static final SampleReference INSTANCE = new SampleReference();

  private volatile Reference reference;

  private SampleReference() {}

  private Reference reference() {
    Reference r = reference;
    if (r == null) {
      synchronized (this) {
        r = reference;
        if (r == null) {
          r = SampleAccounts.reference();
          reference = r;
        }
      }
    }
    return r;
  }

  @Override
  public Optional<Reference> find(String network) {
    return "sample".equals(network) ? Optional.of(reference()) : Optional.empty();
  }

  @Override
  public List<Reference.Summary> list() {
    return List.of(reference().summary());
  }
}

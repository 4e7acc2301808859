package org.influencebot.core.reference;

import java.util.Optional;

/**
 * Where drawn reference samples are kept between runs, with their date (the store implements it; the
 * core does not know the store). One reference per network: a save replaces an older one, never a newer.
 * Calls may block on a database: call them from a background thread, never from a platform's.
 */
public interface ReferenceKeeper {
  /** The network's kept reference, if any. */
  Optional<Reference> load(String network);

  /** Keeps {@code reference} for its network, unless a more recent one is kept already. */
  void save(Reference reference);

  /** Keeps nothing: every start draws again. */
  static ReferenceKeeper none() {
    return new ReferenceKeeper() {
      @Override
      public Optional<Reference> load(String network) {
        return Optional.empty();
      }

      @Override
      public void save(Reference reference) {}
    };
  }
}

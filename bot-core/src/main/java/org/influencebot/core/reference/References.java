package org.influencebot.core.reference;

import java.util.List;
import java.util.Optional;

/**
 * The reference samples the bot has, one per network at most: from a moderator's folder, from the
 * metrics source (drawn and kept by the bot, or served by a moderator's service), or built in.
 * Implementations are thread-safe; {@link #find} never blocks on the network (a draw happens elsewhere).
 */
public interface References {
  /** The network's reference sample, if the bot has one now. */
  Optional<Reference> find(String network);

  /** Every reference held now, for {@code check-config} and {@code /debug}. */
  List<Reference.Summary> list();

  /** No reference for any network. */
  static References none() {
    return new References() {
      @Override
      public Optional<Reference> find(String network) {
        return Optional.empty();
      }

      @Override
      public List<Reference.Summary> list() {
        return List.of();
      }
    };
  }

  /** The first of these that has a network's reference answers for it. */
  static References firstOf(List<References> in) {
    List<References> all = List.copyOf(in);
    return new References() {
      @Override
      public Optional<Reference> find(String network) {
        for (References r : all) {
          Optional<Reference> f = r.find(network);
          if (f.isPresent()) {
            return f;
          }
        }
        return Optional.empty();
      }

      @Override
      public List<Reference.Summary> list() {
        java.util.Map<String, Reference.Summary> byNetwork = new java.util.LinkedHashMap<>();
        for (References r : all) {
          for (Reference.Summary s : r.list()) {
            byNetwork.putIfAbsent(s.network(), s);
          }
        }
        return List.copyOf(byNetwork.values());
      }
    };
  }
}

package org.influencebot.core.account;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One post with the reactions it received; an empty value is unknown, never zero. */
public record Post(
    Optional<Instant> createdAt,
    Optional<PostKind> kind,
    OptionalLong likes,
    OptionalLong reposts,
    OptionalLong replies,
    OptionalLong quotes,
    OptionalLong views,
    Optional<Boolean> hasLink,
    Optional<Boolean> hasMedia) {

  /** An original post with the usual counts, for sample data and tests. */
  public static Post original(Instant at, long likes, long reposts, long replies, long quotes) {
    return new Post(Optional.of(at), Optional.of(PostKind.ORIGINAL), OptionalLong.of(likes),
        OptionalLong.of(reposts), OptionalLong.of(replies), OptionalLong.of(quotes), OptionalLong.empty(),
        Optional.empty(), Optional.empty());
  }

  public boolean isOriginal() {
    // A post of unknown kind counts as original: most sources that omit the kind list own posts.
    return kind.map(k -> k == PostKind.ORIGINAL || k == PostKind.QUOTE).orElse(true);
  }
}

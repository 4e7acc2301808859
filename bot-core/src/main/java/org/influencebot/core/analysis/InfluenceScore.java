package org.influencebot.core.analysis;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Influence, 1–100 on the curve of {@code docs/methodology.md}, from components counted on the
 * audience that looks authentic.
 *
 * @param followers the raw follower count
 * @param authenticFollowers the estimate of followers that look authentic, shown beside the raw count
 */
public record InfluenceScore(OptionalInt score, List<Component> components, OptionalLong followers,
    OptionalLong authenticFollowers) {
  public InfluenceScore {
    components = List.copyOf(components);
  }

  public Component component(Component.Kind kind) {
    return components.stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
  }
}

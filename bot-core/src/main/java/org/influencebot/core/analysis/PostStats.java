package org.influencebot.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.influencebot.core.account.Post;

/** What the recent posts say, computed once. */
final class PostStats {
  int originalsWithCounts;
  int originalsWithReposts;
  double meanInteractions;
  double meanAmplification;
  int repostHIndex;
  int datedPosts;
  double spanDays;
  Optional<Instant> newest = Optional.empty();

  static PostStats of(List<Post> posts) {
    PostStats s = new PostStats();
    double interactions = 0;
    double amplification = 0;
    List<Long> repostCounts = new ArrayList<>();
    Instant oldest = null;
    Instant newest = null;
    for (Post p : posts) {
      if (p.createdAt().isPresent()) {
        Instant t = p.createdAt().get();
        s.datedPosts++;
        oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
        newest = newest == null || t.isAfter(newest) ? t : newest;
      }
      if (!p.isOriginal()) {
        continue;
      }
      if (p.likes().isPresent() || p.reposts().isPresent()) {
        s.originalsWithCounts++;
        interactions += p.likes().orElse(0) + p.reposts().orElse(0) + p.replies().orElse(0) + p.quotes().orElse(0);
      }
      if (p.reposts().isPresent()) {
        s.originalsWithReposts++;
        long r = p.reposts().getAsLong() + p.quotes().orElse(0);
        amplification += r;
        repostCounts.add(p.reposts().getAsLong());
      }
    }
    s.meanInteractions = s.originalsWithCounts == 0 ? 0 : interactions / s.originalsWithCounts;
    s.meanAmplification = s.originalsWithReposts == 0 ? 0 : amplification / s.originalsWithReposts;
    repostCounts.sort(Comparator.reverseOrder());
    int h = 0;
    while (h < repostCounts.size() && repostCounts.get(h) >= h + 1) {
      h++;
    }
    s.repostHIndex = h;
    if (oldest != null) {
      s.spanDays = Duration.between(oldest, newest).toHours() / 24.0;
      s.newest = Optional.of(newest);
    }
    return s;
  }
}

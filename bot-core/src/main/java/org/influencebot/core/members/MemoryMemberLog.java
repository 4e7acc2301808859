package org.influencebot.core.members;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The member log in memory: for a bot run without a store (the console) and for tests. Lost at exit; the store's
 * {@code JdbcMemberLog} keeps the same records across restarts and processes.
 */
public final class MemoryMemberLog implements MemberLog {
  private final Map<String, Instant> since = new HashMap<>();
  private final Map<String, Map<String, Seen>> members = new HashMap<>();
  private final Map<String, List<AuditRecord>> audits = new HashMap<>();

  /** A member as seen: its join record, when it left (or null), its latest activity (or null). */
  private record Seen(Member member, Instant leftAt, Instant activeAt) {}

  private static String key(String platform, String community) {
    return platform + ":" + community;
  }

  @Override
  public synchronized void watching(String platform, String community, Instant at) {
    since.merge(key(platform, community), at, (a, b) -> a.isBefore(b) ? a : b);
  }

  @Override
  public synchronized Optional<Instant> watchingSince(String platform, String community) {
    return Optional.ofNullable(since.get(key(platform, community)));
  }

  @Override
  public synchronized void joined(String platform, String community, Member member) {
    Map<String, Seen> seen = members.computeIfAbsent(key(platform, community), k -> new LinkedHashMap<>());
    Seen before = seen.get(member.id());
    Instant active = latest(before == null ? null : before.activeAt(), member.lastActiveAt().orElse(null));
    seen.put(member.id(), new Seen(member, null, active));
  }

  @Override
  public synchronized void left(String platform, String community, String memberId, Instant at) {
    Map<String, Seen> seen = members.get(key(platform, community));
    Seen s = seen == null ? null : seen.get(memberId);
    if (s != null) {
      seen.put(memberId, new Seen(s.member(), at, s.activeAt()));
    }
  }

  @Override
  public synchronized void active(String platform, String community, String memberId, Instant at) {
    Map<String, Seen> seen = members.computeIfAbsent(key(platform, community), k -> new LinkedHashMap<>());
    Seen s = seen.get(memberId);
    if (s == null) {
      // There before the bot watched: a member whose join is unknown.
      seen.put(memberId, new Seen(new Member(memberId, null, null, null, null, null), null, at));
    } else {
      seen.put(memberId, new Seen(s.member(), s.leftAt(), latest(s.activeAt(), at)));
    }
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  @Override
  public synchronized List<Member> members(String platform, String community) {
    List<Member> out = new ArrayList<>();
    for (Seen s : members.getOrDefault(key(platform, community), Map.of()).values()) {
      if (s.leftAt() == null) {
        Member m = s.member();
        out.add(new Member(m.id(), m.joinedAt(), m.createdAt(), m.hasAvatar(), m.bot(),
            Optional.ofNullable(s.activeAt()), m.pending()));
      }
    }
    return out;
  }

  @Override
  public synchronized int leftSince(String platform, String community, Instant from) {
    return (int) members.getOrDefault(key(platform, community), Map.of()).values().stream()
        .filter(s -> s.leftAt() != null && !s.leftAt().isBefore(from)).count();
  }

  @Override
  public synchronized void audited(String platform, String community, AuditRecord record) {
    List<AuditRecord> list = audits.computeIfAbsent(key(platform, community), k -> new ArrayList<>());
    list.removeIf(r -> r.at().equals(record.at()));
    list.add(record);
    list.sort(Comparator.comparing(AuditRecord::at).reversed());
  }

  @Override
  public synchronized List<AuditRecord> audits(String platform, String community, int limit) {
    List<AuditRecord> list = audits.getOrDefault(key(platform, community), List.of());
    return List.copyOf(list.subList(0, Math.min(limit, list.size())));
  }

  @Override
  public synchronized int forgetBefore(Instant before) {
    int removed = 0;
    for (Map<String, Seen> seen : members.values()) {
      for (var it = seen.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        Seen s = e.getValue();
        if (s.leftAt() != null && s.leftAt().isBefore(before)) {
          it.remove();
          removed++;
        } else if (s.activeAt() != null && s.activeAt().isBefore(before) && s.leftAt() == null
            && s.member().joinedAt().isEmpty() && s.member().createdAt().isEmpty()) {
          it.remove(); // known only by that activity
          removed++;
        } else if (s.activeAt() != null && s.activeAt().isBefore(before)) {
          e.setValue(new Seen(s.member(), s.leftAt(), null));
          removed++;
        }
      }
    }
    for (List<AuditRecord> list : audits.values()) {
      int n = list.size();
      list.removeIf(r -> r.at().isBefore(before));
      removed += n - list.size();
    }
    return removed;
  }
}

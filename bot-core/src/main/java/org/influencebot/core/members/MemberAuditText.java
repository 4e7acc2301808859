package org.influencebot.core.members;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.influencebot.core.quantify.Abstention;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.text.Messages;

/**
 * A member audit in words, in the reply's language: counts by window, the recent joiners' bought share with its
 * interval and what it is measured against, each wave, and what the audit cannot see. Aggregates only: no
 * member appears ({@link #list} is the moderator's own list, of ids).
 */
public final class MemberAuditText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private MemberAuditText() {}

  /** The reply's lines. */
  public static List<String> lines(MemberAuditReport r, Messages m) {
    List<String> out = new ArrayList<>();
    out.add(m.get("members.title", m.number(r.total()), r.now().atZone(ZoneOffset.UTC).toLocalDate()));
    MemberAuditReport.Windows w = r.windows();
    out.add(m.get("members.windows", m.number(w.last7()), m.number(w.last30()), m.number(w.last90()),
        m.number(w.earlier())) + (w.unknown() > 0 ? " " + m.get("members.windows.unknown", m.number(w.unknown())) : ""));
    out.add(share(r, m));
    if (r.waves().isEmpty()) {
      out.add(m.get("members.waves.none"));
    } else {
      out.add(m.get("members.waves", r.waves().size()));
      for (JoinWave wave : r.waves()) {
        out.add("- " + wave(wave, m));
      }
    }
    MemberAuditReport.Visibility v = r.visibility();
    if (!v.activityTracked()) {
      out.add(m.get("members.unseen.activity"));
    }
    if (v.created() < r.total()) {
      out.add(m.get("members.unseen.created", m.number(r.total() - v.created())));
    }
    if (v.avatar() < r.total()) {
      out.add(m.get("members.unseen.avatar", m.number(r.total() - v.avatar())));
    }
    out.add(m.get("members.cannot_see"));
    return out;
  }

  /**
   * A chat's audit: the report's lines, with how the members were read (only the joins the bot saw, on
   * Telegram) and the community's audit before this one.
   */
  public static List<String> lines(MemberAudits.CommunityAudit a, Messages m) {
    List<String> out = new ArrayList<>(lines(a.report(), m));
    if (a.kind() == MemberRoster.Kind.JOINS_SEEN) {
      String since = a.watchingSince().map(t -> DAY.format(t)).orElse("?");
      out.add(1, a.count().isPresent()
          ? m.get("members.kind.joins_seen", m.number(a.report().total()), since, m.number(a.count().getAsInt()))
          : m.get("members.kind.joins_seen.nocount", m.number(a.report().total()), since));
    }
    if (a.leftRecently().isPresent() && a.leftRecently().getAsInt() > 0) {
      // After the windows line: joins, then leaves.
      int at = Math.min(out.size(), a.kind() == MemberRoster.Kind.JOINS_SEEN ? 3 : 2);
      out.add(at, m.get("members.left", m.number(a.leftRecently().getAsInt()), MemberAuditor.RECENT_DAYS));
    }
    a.previous().ifPresent(p -> out.add(p.boughtShare().isPresent()
        ? m.get("members.previous", DAY.format(p.at()), pct(p.boughtShare().getAsDouble()), m.number(p.recentJoiners()),
            pct(p.low().getAsDouble()), pct(p.high().getAsDouble()), m.number(p.members()))
        : m.get("members.previous.not_measured", DAY.format(p.at()), m.number(p.members()))));
    return out;
  }

  private static String share(MemberAuditReport r, Messages m) {
    ShareEstimate s = r.boughtShare();
    if (s.abstention().isPresent()) {
      return s.abstention().get() == Abstention.NO_REFERENCE
          ? m.get("members.share.no_reference", m.number(r.established()), ReferenceMin.VALUE)
          : m.get("members.share.too_few", r.recentDays(), m.number(r.recentJoiners()));
    }
    if (s.share() == 0 && s.low() == 0) {
      return m.get("members.share.none", m.number(r.recentJoiners()), r.recentDays(), m.number(r.established()),
          pct(s.high()));
    }
    return m.get("members.share", pct(s.share()), m.number(r.recentJoiners()), r.recentDays(), pct(s.low()),
        pct(s.high()), m.number(Math.round(s.share() * r.recentJoiners())), m.number(r.established()));
  }

  private static String wave(JoinWave w, Messages m) {
    List<String> traits = new ArrayList<>();
    add(traits, w.createdSameWeek(), "members.trait.same_week", m);
    add(traits, w.defaultAvatar(), "members.trait.default_avatar", m);
    add(traits, w.inactive(), "members.trait.inactive", m);
    if (w.medianAgeDays().isPresent()) {
      traits.add(m.get("members.trait.age", Math.round(w.medianAgeDays().getAsDouble())));
    }
    ShareEstimate s = w.boughtShare();
    String bought = s.abstention().isPresent()
        ? m.get("members.wave.not_measured")
        : m.get("members.wave.bought", pct(s.share()), pct(s.low()), pct(s.high()));
    return m.get("members.wave", TIME.format(w.start()), m.number(w.size()), w.minutes(),
        Math.round(w.usualDailyJoins()), String.join(", ", traits), bought);
  }

  private static void add(List<String> traits, OptionalDouble v, String key, Messages m) {
    if (v.isPresent()) {
      traits.add(m.get(key, pct(v.getAsDouble())));
    }
  }

  /**
   * The moderator's own list (never in a channel): recent joiners and wave members, most bought-looking first,
   * by id only.
   */
  public static List<String> list(MemberAuditReport r, Messages m) {
    List<String> out = new ArrayList<>();
    out.add(m.get("members.list"));
    for (MemberAuditReport.Scored s : r.members()) {
      out.add(String.format(Locale.ROOT, "%s\t%s\t%s\t%s", s.id(),
          s.joinedAt().map(TIME::format).orElse("?"),
          Double.isNaN(s.score()) ? "?" : String.format(Locale.ROOT, "%.2f", s.score()),
          s.wave() < 0 ? "-" : Integer.toString(s.wave() + 1)));
    }
    return out;
  }

  /** A share as a whole percentage: 0.234 → 23. */
  static long pct(double share) {
    return Math.round(100 * share);
  }

  private static final class ReferenceMin {
    static final int VALUE = org.influencebot.core.quantify.ReferenceEstimator.MIN_REFERENCE;
  }
}

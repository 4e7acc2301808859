package org.influencebot.core.members;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalDouble;
import org.influencebot.core.quantify.ShareEstimate;

/**
 * A member audit as one JSON object. Shares are fractions 0..1 (4 decimals); {@code bought_share} and its
 * interval are over the recent joiners ({@code recent_window_days}); a share not measured is {@code null}, with
 * {@code bought_share_not_measured} saying why ({@code too_few_assessed}, {@code no_reference}). No member is
 * listed unless {@code withMembers}.
 */
public final class MemberAuditJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MemberAuditJson() {}

  public static ObjectNode toJson(MemberAuditReport r, boolean withMembers) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("audited_at", r.now().toString());
    o.put("members", r.total());
    ObjectNode w = o.putObject("joined");
    w.put("last_7_days", r.windows().last7());
    w.put("days_8_to_30", r.windows().last30());
    w.put("days_31_to_90", r.windows().last90());
    w.put("earlier", r.windows().earlier());
    w.put("unknown", r.windows().unknown());
    o.put("recent_window_days", r.recentDays());
    o.put("recent_joiners", r.recentJoiners());
    o.put("established_members", r.established());
    share(o, r.boughtShare());
    ArrayNode waves = o.putArray("waves");
    for (JoinWave jw : r.waves()) {
      ObjectNode x = waves.addObject();
      x.put("start", jw.start().toString());
      x.put("size", jw.size());
      x.put("minutes", jw.minutes());
      x.put("joins_that_day", jw.joinsThatDay());
      x.put("usual_daily_joins", round(jw.usualDailyJoins()));
      put(x, "created_same_week", jw.createdSameWeek());
      put(x, "default_avatar", jw.defaultAvatar());
      put(x, "inactive_since_joining", jw.inactive());
      put(x, "median_account_age_days", jw.medianAgeDays());
      share(x, jw.boughtShare());
    }
    ObjectNode v = o.putObject("known");
    MemberAuditReport.Visibility vis = r.visibility();
    v.put("joined_at", vis.joined());
    v.put("created_at", vis.created());
    v.put("has_avatar", vis.avatar());
    v.put("is_bot", vis.bot());
    v.put("last_active_at", vis.active());
    v.put("pending", vis.pending());
    v.put("scored", vis.scored());
    if (withMembers) {
      ArrayNode list = o.putArray("listed_members");
      for (MemberAuditReport.Scored s : r.members()) {
        ObjectNode x = list.addObject();
        x.put("id", s.id());
        x.put("joined_at", s.joinedAt().map(Object::toString).orElse(null));
        if (Double.isNaN(s.score())) {
          x.putNull("score");
        } else {
          x.put("score", round(s.score()));
        }
        x.put("recent", s.recent());
        if (s.wave() >= 0) {
          x.put("wave", s.wave() + 1);
        } else {
          x.putNull("wave");
        }
      }
    }
    return o;
  }

  private static void share(ObjectNode o, ShareEstimate s) {
    if (s.abstention().isPresent()) {
      o.putNull("bought_share");
      o.putNull("bought_share_low");
      o.putNull("bought_share_high");
      o.put("bought_share_not_measured", s.abstention().get().name().toLowerCase(java.util.Locale.ROOT));
    } else {
      o.put("bought_share", round(s.share()));
      o.put("bought_share_low", round(s.low()));
      o.put("bought_share_high", round(s.high()));
    }
  }

  private static void put(ObjectNode o, String key, OptionalDouble v) {
    if (v.isPresent()) {
      o.put(key, round(v.getAsDouble()));
    } else {
      o.putNull(key);
    }
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}

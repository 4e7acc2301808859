package org.influencebot.core.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalDouble;
import org.influencebot.core.analysis.Component;
import org.influencebot.core.analysis.FollowerAudit;
import org.influencebot.core.analysis.Signal;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.members.MemberAuditJson;
import org.influencebot.core.members.MemberAuditText;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Messages;

/** The neutral reply as JSON, for scripts ({@code score --json}): numbers as numbers, sentences localized. */
public final class ReplyJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReplyJson() {}

  public static ObjectNode toJson(Reply reply, Messages m, Clock clock) {
    return reply.accept(new Reply.Visitor<ObjectNode>() {
      @Override
      public ObjectNode summary(Reply.SummaryReply r) {
        ObjectNode o = typed("summary");
        o.set("summary", ReplyJson.summary(r.lookup(), m, clock));
        return o;
      }

      @Override
      public ObjectNode compare(Reply.CompareReply r) {
        ObjectNode o = typed("compare");
        o.set("first", ReplyJson.summary(r.first(), m, clock));
        o.set("second", ReplyJson.summary(r.second(), m, clock));
        o.put("conclusion", m.format(r.conclusion()));
        return o;
      }

      @Override
      public ObjectNode help(Reply.HelpReply r) {
        return typed("help").put("text", PlainTextRenderer.help(m));
      }

      @Override
      public ObjectNode note(Reply.Note r) {
        return typed("note").put("text", String.join("\n", r.lines().stream().map(m::format).toList()));
      }

      @Override
      public ObjectNode debug(Reply.DebugReply r) {
        return typed("debug").put("text", r.report());
      }

      @Override
      public ObjectNode notHere(Reply.NotHere r) {
        ObjectNode o = typed("not_here");
        r.channels().stream().sorted().forEach(o.putArray("channels")::add);
        return o;
      }

      @Override
      public ObjectNode error(Reply.ErrorReply e) {
        ObjectNode o = typed("error");
        o.put("error", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        o.put("message", m.format(e.message()));
        return o;
      }

      @Override
      public ObjectNode memberAudit(Reply.MemberAuditReply r) {
        ObjectNode o = typed("member_audit");
        o.set("audit", MemberAuditJson.toJson(r.audit().report(), r.list()));
        o.put("text", String.join("\n", MemberAuditText.lines(r.audit(), m)));
        return o;
      }
    });
  }

  private static ObjectNode typed(String type) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", type);
    return o;
  }

  /**
   * The follower audit as numbers: the whole audience's fake share (null when part of it was not measured)
   * and interval, what they do not count, the share of the audience measured, and each stratum with its
   * method, size, share, interval, estimator and abstention. Shares are fractions 0..1.
   */
  private static ObjectNode audit(FollowerAudit a) {
    ObjectNode o = MAPPER.createObjectNode();
    putShare(o, "fake_share", a.share());
    o.put("fake_share_low", round(a.low()));
    o.put("fake_share_high", round(a.high()));
    o.put("measured_share", round(a.measured()));
    o.put("estimator", a.estimator());
    // Profiles cannot show bots that imitate people: the share and its interval leave them out (methodology.md).
    o.put("not_counted", "bots_imitating_people");
    // What the share is measured against: fake_share is the audience's share beyond what the reference explains.
    if (a.reference().isPresent()) {
      Reference.Summary r = a.reference().get();
      ObjectNode ro = o.putObject("reference");
      ro.put("network", r.network());
      ro.put("accounts", r.accounts());
      ro.put("sampled_at", r.sampledAt().toString());
      ro.put("method", r.method().wireName());
    } else {
      o.putNull("reference");
    }
    if (a.method().isPresent()) {
      o.put("sample_method", a.method().get().wireName());
    } else {
      o.putNull("sample_method");
    }
    if (a.estimated()) {
      o.putNull("abstention");
    } else {
      o.put("abstention", a.assessed() ? "part_not_measured" : a.strata().stream()
          .flatMap(s -> s.estimate().flatMap(ShareEstimate::abstention).stream()).findFirst()
          .map(x -> x.name().toLowerCase(Locale.ROOT)).orElse("nothing_read"));
    }
    ArrayNode strata = o.putArray("strata");
    for (FollowerAudit.Stratum s : a.strata()) {
      ObjectNode so = strata.addObject();
      so.put("basis", s.basis().wireName());
      if (s.offset().isPresent()) {
        so.put("offset", s.offset().getAsLong());
      } else {
        so.putNull("offset");
      }
      so.put("followers", s.size());
      putShare(so, "fake_share", s.share());
      so.put("fake_share_low", round(s.low()));
      so.put("fake_share_high", round(s.high()));
      s.estimate().ifPresentOrElse(e -> {
        so.put("sample_size", e.sampleSize());
        so.put("assessed", e.assessed());
        so.put("estimator", e.estimator());
        so.put("out_of_distribution", round(e.outOfDistribution()));
        if (e.abstention().isPresent()) {
          so.put("abstention", e.abstention().get().name().toLowerCase(Locale.ROOT));
        } else {
          so.putNull("abstention");
        }
      }, () -> so.putNull("sample_size"));
    }
    ArrayNode drivers = o.putArray("drivers");
    a.drivers().forEach(d -> drivers.add(d.substring(d.indexOf('.') + 1)));
    return o;
  }

  private static void putShare(ObjectNode o, String key, OptionalDouble share) {
    if (share.isPresent()) {
      o.put(key, round(share.getAsDouble()));
    } else {
      o.putNull(key);
    }
  }

  private static double round(double share) {
    return Math.round(share * 10_000) / 10_000.0;
  }

  private static ObjectNode summary(Lookup lookup, Messages m, Clock clock) {
    Summary s = lookup.summary();
    ObjectNode o = MAPPER.createObjectNode();
    o.put("handle", s.handle().name());
    o.put("network", s.handle().network().orElse(""));
    s.displayName().ifPresent(n -> o.put("display_name", n));
    ObjectNode inf = o.putObject("influence");
    s.influence().score().ifPresent(v -> inf.put("score", v));
    s.influence().followers().ifPresent(v -> inf.put("followers", v));
    s.influence().authenticFollowers().ifPresent(v -> inf.put("authentic_followers", v));
    s.authenticity().audit().ifPresent(a -> {
      a.authenticLow().ifPresent(v -> inf.put("authentic_followers_low", v));
      a.authenticHigh().ifPresent(v -> inf.put("authentic_followers_high", v));
    });
    ArrayNode comps = inf.putArray("components");
    for (Component c : s.influence().components()) {
      ObjectNode co = comps.addObject();
      co.put("name", c.kind().name().toLowerCase(java.util.Locale.ROOT));
      c.score().ifPresentOrElse(v -> co.put("score", v), () -> co.putNull("score"));
      co.put("weight", c.weight());
      co.put("explanation", m.format(c.explanation()));
    }
    ObjectNode auth = o.putObject("authenticity");
    s.authenticity().score().ifPresent(v -> auth.put("score", v));
    auth.put("verdict", s.authenticity().verdict().name().toLowerCase(java.util.Locale.ROOT));
    auth.put("confidence", s.authenticity().confidence().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode sigs = auth.putArray("signals");
    for (Signal sig : s.authenticity().signals()) {
      ObjectNode so = sigs.addObject();
      so.put("name", sig.kind().name().toLowerCase(java.util.Locale.ROOT));
      sig.score().ifPresentOrElse(v -> so.put("score", v), () -> so.putNull("score"));
      so.put("weight", sig.weight());
      so.put("evidence", m.format(sig.evidence()));
    }
    auth.set("audit", s.authenticity().audit().map(ReplyJson::audit).orElse(null));
    ArrayNode missing = auth.putArray("missing_inputs");
    s.authenticity().missingInputs().forEach(k -> missing.add(k.substring("input.".length())));
    o.put("computed_at", s.computedAt().toString());
    o.put("from_cache", lookup.fromCache());
    o.put("stale", lookup.stale());
    o.put("source", s.source());
    o.put("scorer", s.scorer());
    o.put("sampled_followers", s.sampledFollowers());
    o.put("sampled_posts", s.sampledPosts());
    return o;
  }
}

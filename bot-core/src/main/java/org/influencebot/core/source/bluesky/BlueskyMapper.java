package org.influencebot.core.source.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.Post;
import org.influencebot.core.account.PostKind;
import org.influencebot.core.source.http.JsonFields;

/** Maps Bluesky's {@code app.bsky.actor.defs#profileView*} and {@code feedViewPost} to the project's model. */
final class BlueskyMapper {
  private final JsonFields f;

  BlueskyMapper(JsonFields fields) {
    this.f = fields;
  }

  /** A profile view (basic, plain or detailed): counts are present only in the detailed one. */
  Account.Builder profile(JsonNode p, String where, Instant observedAt) {
    String did = f.requiredText(p, "did", where);
    String handle = f.text(p, "handle", where).filter(h -> !h.equals("handle.invalid")).orElse(did);
    Account.Builder b = Account.builder(handle)
        .network("bluesky")
        .id(did)
        .observedAt(observedAt)
        .displayName(f.text(p, "displayName", where).filter(s -> !s.isBlank()).orElse(null))
        .bio(f.text(p, "description", where).filter(s -> !s.isBlank()).orElse(null))
        .createdAt(f.time(p, "createdAt", where).orElse(null))
        .followers(f.count(p, "followersCount", where))
        .following(f.count(p, "followsCount", where))
        .posts(f.count(p, "postsCount", where))
        .hasAvatar(f.text(p, "avatar", where).filter(s -> !s.isBlank()).isPresent());
    boolean bot = false;
    for (JsonNode label : f.array(p, "labels", where)) {
      if (f.text(label, "val", where + " label").map(v -> v.equals("bot")).orElse(false)) {
        bot = true;
      }
    }
    JsonNode associated = p.get("associated");
    if (associated != null && associated.isObject() && f.bool(associated, "labeler", where).orElse(false)) {
      bot = true; // a labeler is a moderation service, automated by design
    }
    b.declaredBot(bot);
    JsonNode verification = p.get("verification");
    boolean verified = verification != null && verification.isObject()
        && f.text(verification, "verifiedStatus", where).map("valid"::equals).orElse(false);
    b.verified(verified);
    return b;
  }

  /** One {@code app.bsky.feed.defs#feedViewPost}: reposts carry no reactions of their own. */
  Post feedItem(JsonNode item, String where) {
    JsonNode post = item.get("post");
    if (post == null || !post.isObject()) {
      throw new IllegalArgumentException(where + ": feed item without a post");
    }
    JsonNode record = post.get("record");
    JsonNode reason = item.get("reason");
    String reasonType = reason != null && reason.isObject() ? f.text(reason, "$type", where).orElse("") : "";
    boolean repost = reasonType.endsWith("#reasonRepost");
    Optional<Instant> at = repost ? f.time(reason, "indexedAt", where)
        : f.time(record, "createdAt", where).or(() -> f.time(post, "indexedAt", where));
    JsonNode embed = post.get("embed");
    String embedType = embed != null && embed.isObject() ? f.text(embed, "$type", where).orElse("") : "";
    boolean quote = embedType.startsWith("app.bsky.embed.record#") || embedType.startsWith("app.bsky.embed.recordWithMedia");
    boolean reply = record != null && record.isObject() && record.hasNonNull("reply");
    PostKind kind = repost ? PostKind.REPOST : reply ? PostKind.REPLY : quote ? PostKind.QUOTE : PostKind.ORIGINAL;
    boolean hasMedia = embedType.startsWith("app.bsky.embed.images") || embedType.startsWith("app.bsky.embed.video")
        || embedType.startsWith("app.bsky.embed.recordWithMedia");
    boolean hasLink = embedType.startsWith("app.bsky.embed.external") || hasLinkFacet(record, where);
    if (embedType.startsWith("app.bsky.embed.recordWithMedia") && embed.get("media") != null) {
      String mediaType = f.text(embed.get("media"), "$type", where).orElse("");
      hasLink |= mediaType.startsWith("app.bsky.embed.external");
      hasMedia = !mediaType.startsWith("app.bsky.embed.external");
    }
    OptionalLong likes = f.count(post, "likeCount", where);
    OptionalLong reposts = f.count(post, "repostCount", where);
    OptionalLong replies = f.count(post, "replyCount", where);
    OptionalLong quotes = f.count(post, "quoteCount", where);
    if (repost) {
      // The counts belong to someone else's post.
      likes = reposts = replies = quotes = OptionalLong.empty();
    }
    return new Post(at, Optional.of(kind), likes, reposts, replies, quotes, OptionalLong.empty(),
        Optional.of(hasLink), Optional.of(hasMedia));
  }

  private boolean hasLinkFacet(JsonNode record, String where) {
    if (record == null || !record.isObject()) {
      return false;
    }
    for (JsonNode facet : f.array(record, "facets", where)) {
      for (JsonNode feature : f.array(facet, "features", where)) {
        if (f.text(feature, "$type", where).map(t -> t.endsWith("#link")).orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }
}

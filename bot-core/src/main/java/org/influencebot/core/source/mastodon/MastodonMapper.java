package org.influencebot.core.source.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.Post;
import org.influencebot.core.account.PostKind;
import org.influencebot.core.source.http.JsonFields;

/** Maps Mastodon's {@code Account} and {@code Status} entities to the project's model. */
final class MastodonMapper {
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>\\s*<p>");
  private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");

  private final JsonFields f;

  MastodonMapper(JsonFields fields) {
    this.f = fields;
  }

  /**
   * @param instance the host that answered: local accounts' {@code acct} lacks it
   */
  Account.Builder account(JsonNode a, String instance, String where, Instant observedAt) {
    f.requiredText(a, "id", where);
    String acct = f.text(a, "acct", where).or(() -> f.text(a, "username", where))
        .orElseThrow(() -> f.badResponse(where + ": account without 'acct'"));
    String handle = acct.contains("@") ? acct : acct + "@" + instance;
    Optional<String> avatar = f.text(a, "avatar", where);
    Optional<String> header = f.text(a, "header", where);
    return Account.builder(handle)
        .network("mastodon")
        .id(f.requiredText(a, "id", where))
        .observedAt(observedAt)
        .displayName(f.text(a, "display_name", where).filter(s -> !s.isBlank()).orElse(null))
        .createdAt(f.time(a, "created_at", where).orElse(null))
        .followers(f.count(a, "followers_count", where))
        .following(f.count(a, "following_count", where))
        .posts(f.count(a, "statuses_count", where))
        .declaredBot(f.bool(a, "bot", where).orElse(null))
        .isProtected(f.bool(a, "locked", where).orElse(null))
        .hasAvatar(avatar.map(u -> !u.isBlank() && !u.endsWith("/missing.png")).orElse(null))
        .defaultProfile(header.map(u -> u.isBlank() || u.endsWith("/missing.png")).orElse(null))
        .bio(f.text(a, "note", where).map(MastodonMapper::plainText).filter(s -> !s.isBlank()).orElse(null))
        .url(f.text(a, "url", where).orElse(null))
        .lastPostAt(f.time(a, "last_status_at", where).orElse(null));
  }

  Post status(JsonNode s, String where) {
    boolean reblog = s.hasNonNull("reblog");
    boolean reply = s.hasNonNull("in_reply_to_id");
    boolean quote = s.hasNonNull("quote");
    PostKind kind = reblog ? PostKind.REPOST : reply ? PostKind.REPLY : quote ? PostKind.QUOTE : PostKind.ORIGINAL;
    JsonNode content = reblog ? s.get("reblog") : s;
    boolean media = f.array(content, "media_attachments", where).iterator().hasNext();
    boolean link = content.hasNonNull("card");
    OptionalLong likes = f.count(s, "favourites_count", where);
    OptionalLong reposts = f.count(s, "reblogs_count", where);
    OptionalLong replies = f.count(s, "replies_count", where);
    OptionalLong quotes = f.count(s, "quotes_count", where);
    if (reblog) {
      // A reblog's reactions belong to someone else's status.
      likes = reposts = replies = quotes = OptionalLong.empty();
    }
    return new Post(f.time(s, "created_at", where), Optional.of(kind), likes, reposts, replies, quotes,
        OptionalLong.empty(), Optional.of(link), Optional.of(media));
  }

  /** Mastodon bios are HTML: keep the words, drop the markup. */
  static String plainText(String html) {
    String s = BREAK.matcher(html).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replace("&amp;", "&").strip();
  }
}

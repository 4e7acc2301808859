package org.influencebot.core.reply;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.InvalidAccountException;

/**
 * Account JSON built from fuzz data (hostile strings, extreme counts and dates, odd histories), read by
 * {@link AccountJson}, analyzed and rendered by {@link SummaryPath}: every reply in English and French
 * stays bounded and free of invisible characters, and every chart renders.
 */
class SummaryPathFuzzTest {
  private static final String[] DATES = {"0001-01-01", "9999-12-31", "2026-11-01", "1970-01-01", "2026-10-31"};

  @FuzzTest(maxDuration = "30s")
  void analyzeAndRender(FuzzedDataProvider data) {
    ObjectNode o = AccountJson.mapper().createObjectNode();
    o.put("handle", "fuzz");
    if (data.consumeBoolean()) {
      o.put("display_name", data.consumeString(AccountJson.MAX_TEXT));
    }
    for (String key : new String[] {"followers", "following", "posts", "likes", "listed"}) {
      if (data.consumeBoolean()) {
        o.put(key, count(data));
      }
    }
    for (String key : new String[] {"created_at", "observed_at", "last_post_at"}) {
      if (data.consumeBoolean()) {
        o.put(key, date(data));
      }
    }
    for (String key : new String[] {"verified", "protected", "declared_bot", "has_avatar", "default_profile"}) {
      if (data.consumeBoolean()) {
        o.put(key, data.consumeBoolean());
      }
    }
    if (data.consumeBoolean()) {
      o.put("bio", data.consumeString(200));
    }
    ArrayNode history = o.putArray("follower_history");
    int points = data.consumeInt(0, 60);
    for (int i = 0; i < points; i++) {
      history.addObject().put("at", date(data)).put("followers", count(data));
    }
    ArrayNode posts = o.putArray("recent_posts");
    int n = data.consumeInt(0, 12);
    for (int i = 0; i < n; i++) {
      ObjectNode p = posts.addObject();
      if (data.consumeBoolean()) {
        p.put("created_at", date(data));
      }
      p.put("kind", data.pickValue(new String[] {"original", "repost", "reply", "quote"}));
      p.put("likes", count(data)).put("reposts", count(data)).put("replies", count(data));
    }
    for (String key : new String[] {"follower_sample", "engager_sample"}) {
      ArrayNode sample = o.putArray(key);
      int size = data.consumeInt(0, 40);
      String handle = data.consumeString(20);
      for (int i = 0; i < size; i++) {
        ObjectNode f = sample.addObject()
            .put("handle", handle.isBlank() ? "f" + i % 7 : handle + i % 3)
            .put("followers", count(data)).put("following", count(data)).put("posts", count(data));
        if (data.consumeBoolean()) {
          f.put("created_at", date(data));
        }
        f.put("has_avatar", data.consumeBoolean());
      }
    }
    Account account;
    try {
      account = AccountJson.read(o.toString());
    } catch (InvalidAccountException e) {
      return; // the reader's own fuzz test checks its errors
    }
    SummaryPath.check(account);
  }

  private static long count(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> data.consumeLong(0, 100);
      case 1 -> data.consumeLong(0, 100_000);
      case 2 -> data.consumeLong(0, 1_000_000_000_000_000L);
      default -> data.pickValue(new long[] {0, 1, 5_000, 1_000_000_000_000_000L});
    };
  }

  private static String date(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return data.pickValue(DATES);
    }
    return String.format("%04d-%02d-%02d", data.consumeInt(1, 9999), data.consumeInt(1, 12), data.consumeInt(1, 28));
  }
}

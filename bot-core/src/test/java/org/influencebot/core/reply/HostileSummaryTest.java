package org.influencebot.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.InvalidAccountException;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accounts crafted to break a summary, read from JSON like any source's, analyzed and rendered in
 * English and French with every chart ({@link SummaryPath}): each reply stays bounded and shows no
 * control or invisible character that came from the account.
 */
class HostileSummaryTest {
  private static final String EMOJI_200 = "\uD83D\uDE00".repeat(200);

  private static Account read(String json) {
    try {
      return AccountJson.read(json);
    } catch (InvalidAccountException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static String withName(String displayName) {
    return "{\"handle\":\"fuzz\",\"followers\":1200,\"display_name\":" + AccountJson.mapper().valueToTree(displayName) + "}";
  }

  private static String title(Account account) {
    Summary s = SummaryPath.analyze(account);
    return SummaryView.of(new Lookup(s, false, false, Optional.empty()), Messages.english(),
        java.time.Clock.fixed(s.computedAt(), java.time.ZoneOffset.UTC)).title();
  }

  /** Found by the summary fuzz test: a display name's control characters and length went into the title as they were. */
  @Test
  void displayNameControlCharactersAndLengthNeverReachTheTitle() {
    Account a = read(withName("Eve\n\u001b[31mADMIN\u0007\r\n" + "x".repeat(9_970)));
    String title = title(a);
    assertThat(title).startsWith("@fuzz · Eve [31mADMIN xxx").endsWith("…");
    assertThat(title.codePointCount(0, title.length())).isLessThanOrEqualTo("@fuzz · ".length() + ShownName.MAX_CODE_POINTS);
    SummaryPath.check(a, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\u202Eevil\u202C", "\u200F\u200Eright-to-left\u2067x\u2069", "zero\u200Bwidth\u200D\uFEFFjoin",
      "\u0000\u0001\u007F\u0085\u009B31m", "\uDB40\uDC41\uDB40\uDC7F tag characters",
  })
  void invisibleAndControlCharactersInTheDisplayNameAreDropped(String name) {
    Account a = read(withName(name));
    String reply = SummaryPath.check(a, false);
    assertThat(reply.lines().findFirst().orElseThrow()).startsWith("@fuzz");
  }

  @Test
  void twoHundredEmojiAreCutWholeNeverInHalf() {
    Account a = read(withName(EMOJI_200));
    String title = title(a);
    assertThat(title).isEqualTo("@fuzz · " + "\uD83D\uDE00".repeat(ShownName.MAX_CODE_POINTS - 1) + "…");
    SummaryPath.check(a, false);
  }

  @Test
  void aPileOfCombiningMarksKeepsTwoACharacter() {
    Account a = read(withName("Z" + "\u0301".repeat(500) + "algo"));
    assertThat(title(a)).isEqualTo("@fuzz · Z\u0301\u0301algo");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<b>b</b> *s* `t` ```c``` ||s|| [l](http://x) <a href=\"x\">&amp;",
      "@everyone @here", "@every@everyoneone", "<@123> <@!123> <@&456> <#789>"})
  void markupAndMentionsArePlainTextLeftForTheAdaptersToEscape(String name) {
    // The core keeps the name as typed (it is plain text); Discord sets allowed_mentions and Telegram escapes HTML.
    Account a = read(withName(name));
    assertThat(title(a)).isEqualTo("@fuzz · " + name.replaceAll(" +", " "));
    SummaryPath.check(a, false);
  }

  @Test
  void aNameMadeOnlyOfInvisibleCharactersIsLeftOut() {
    assertThat(title(read(withName("\u200B\u202E\u0000 \u2066")))).isEqualTo("@fuzz");
  }

  @Test
  void displayNamesBeyondTheReadersLimitAreRefused() {
    assertThatThrownBy(() -> AccountJson.read(withName("x".repeat(AccountJson.MAX_TEXT + 1))))
        .isInstanceOfSatisfying(InvalidAccountException.class, e -> assertThat(e.field()).isEqualTo("display_name"));
  }

  @Test
  void aQuadrillionFollowersEverywhereStaysBounded() {
    long q = 1_000_000_000_000_000L;
    StringBuilder posts = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      posts.append(i == 0 ? "" : ",").append("{\"created_at\":\"2026-10-").append(10 + i % 20)
          .append("T10:00:00Z\",\"kind\":\"original\",\"likes\":").append(q).append(",\"reposts\":").append(q)
          .append(",\"replies\":").append(q).append(",\"quotes\":").append(q).append(",\"views\":").append(q).append('}');
    }
    Account a = read("{\"handle\":\"fuzz\",\"followers\":" + q + ",\"following\":" + q + ",\"posts\":" + q + ",\"likes\":" + q
        + ",\"listed\":" + q + ",\"created_at\":\"2020-01-01\",\"recent_posts\":[" + posts + "],"
        + "\"follower_history\":" + history(40, day -> day == 30 ? q : day * 10L) + "}");
    String reply = SummaryPath.check(a);
    assertThat(reply).contains("1,000,000,000,000,000");
  }

  @Test
  void datesInYearOneAndYear9999AreAnalyzedAndCharted() {
    Account a = read("{\"handle\":\"fuzz\",\"followers\":500,\"created_at\":\"0001-01-01\",\"observed_at\":\"9999-12-31T23:59:59Z\","
        + "\"last_post_at\":\"9999-12-31\",\"recent_posts\":[{\"created_at\":\"0001-01-01T00:00:00Z\",\"likes\":1,\"reposts\":1},"
        + "{\"created_at\":\"9999-12-31T00:00:00Z\",\"likes\":1,\"reposts\":1},{\"likes\":3,\"reposts\":0}],"
        + "\"follower_history\":[{\"at\":\"0001-01-01\",\"followers\":1},{\"at\":\"9999-12-31\",\"followers\":500}]}");
    SummaryPath.check(a);
  }

  /** Found here: a day that stopped losing followers (gain 0 after −5,000 a day) was an unexplained 5,000 "round pack". */
  @Test
  void followersFallingToZeroAreNotAGrowthAnomaly() {
    Account a = read("{\"handle\":\"fuzz\",\"followers\":0,\"follower_history\":"
        + history(40, day -> Math.max(0, 100_000 - day * 5_000L)) + "}");
    Summary s = SummaryPath.analyze(a);
    assertThat(s.authenticity().anomalies()).isEmpty();
    SummaryPath.check(a);
  }

  @Test
  void aHistoryOfOneRepeatedDateIsOnePointNotAJump() {
    List<String> points = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      points.add("{\"at\":\"2026-10-01\",\"followers\":" + (i % 2 == 0 ? 10 : 1_000_000) + "}");
    }
    Account a = read("{\"handle\":\"fuzz\",\"followers\":10,\"follower_history\":[" + String.join(",", points) + "]}");
    SummaryPath.check(a);
  }

  @Test
  void emptyArraysAndTheLargestAcceptedArraysStayBounded() {
    SummaryPath.check(read("{\"handle\":\"fuzz\",\"recent_posts\":[],\"follower_history\":[],\"follower_sample\":[],\"engager_sample\":[]}"));
    String sample = ("{\"handle\":\"bot\",\"followers\":0,\"following\":5000,\"posts\":0},").repeat(AccountJson.MAX_SAMPLE);
    Account big = read("{\"handle\":\"fuzz\",\"followers\":5000,\"follower_sample\":[" + sample.substring(0, sample.length() - 1)
        + "],\"engager_sample\":[" + sample.substring(0, sample.length() - 1) + "],\"follower_history\":"
        + history(AccountJson.MAX_HISTORY, day -> day * 3L) + "}");
    SummaryPath.check(big, false);
  }

  @Test
  void deepNestingAndTooLargeArraysAreRefusedByTheReader() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    assertThatThrownBy(() -> AccountJson.read("{\"handle\":\"x\",\"extra\":" + deep + "}"))
        .isInstanceOf(InvalidAccountException.class).hasMessageContaining("not valid JSON");
    String posts = "{},".repeat(AccountJson.MAX_POSTS + 1);
    assertThatThrownBy(() -> AccountJson.read("{\"handle\":\"x\",\"recent_posts\":[" + posts.substring(0, posts.length() - 1) + "]}"))
        .isInstanceOfSatisfying(InvalidAccountException.class, e -> assertThat(e.field()).isEqualTo("recent_posts"));
  }

  private static String history(int days, java.util.function.IntToLongFunction followers) {
    LocalDate start = LocalDate.of(2000, 1, 1);
    StringBuilder out = new StringBuilder("[");
    for (int d = 0; d < days; d++) {
      out.append(d == 0 ? "" : ",").append("{\"at\":\"").append(start.plusDays(d)).append("\",\"followers\":")
          .append(followers.applyAsLong(d)).append('}');
    }
    return out.append(']').toString();
  }
}

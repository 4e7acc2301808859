package org.influencebot.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountJsonTest {
  @Test
  void readsTheSpecExampleAndKeepsUnknownValuesUnknown() throws InvalidAccountException {
    Account a = AccountJson.read("""
        {"network":"twitter","handle":"braddd","display_name":"Davide Dellacasa",
         "created_at":"2007-04-06T10:58:22Z","observed_at":"2015-02-14T10:54:49Z",
         "followers":5470,"following":2385,"posts":20370,"likes":null,
         "verified":false,"has_avatar":true,"bio":"Founder","some_future_key":[1,2,3],"label":"human"}""");
    assertThat(a.handle()).isEqualTo("braddd");
    assertThat(a.followers()).hasValue(5470);
    assertThat(a.likes()).isEmpty();
    assertThat(a.listed()).isEmpty();
    assertThat(a.verified()).contains(false);
    assertThat(a.isProtected()).isEmpty();
    assertThat(a.label()).contains("human");
  }

  @Test
  void writesWhatItReadsWithoutInventingZeros() throws InvalidAccountException {
    String json = "{\"network\":\"bluesky\",\"handle\":\"alice.bsky.social\",\"followers\":10,"
        + "\"recent_posts\":[{\"created_at\":\"2026-01-01T00:00:00Z\",\"kind\":\"original\",\"likes\":3}],"
        + "\"follower_history\":[{\"at\":\"2026-01-01\",\"followers\":9}],"
        + "\"follower_sample\":[{\"handle\":\"bob\",\"posts\":4}],\"follower_sample_method\":\"newest\"}";
    Account a = AccountJson.read(json);
    Account again = AccountJson.read(AccountJson.write(a));
    assertThat(again).isEqualTo(a);
    assertThat(AccountJson.write(a)).doesNotContain("\"likes\":0").doesNotContain("following");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"followers\":3}|handle",
      "{\"handle\":\"\"}|handle",
      "{\"handle\":42}|handle",
      "{\"handle\":\"a\",\"followers\":-5}|followers",
      "{\"handle\":\"a\",\"followers\":\"many\"}|followers",
      "{\"handle\":\"a\",\"followers\":1.5}|followers",
      "{\"handle\":\"a\",\"followers\":1e300}|followers",
      "{\"handle\":\"a\",\"verified\":\"yes\"}|verified",
      "{\"handle\":\"a\",\"created_at\":\"yesterday\"}|created_at",
      "{\"handle\":\"a\",\"network\":\"Twitter!\"}|network",
      "{\"handle\":\"a\",\"recent_posts\":{}}|recent_posts",
      "{\"handle\":\"a\",\"recent_posts\":[{\"kind\":\"story\"}]}|recent_posts[0].kind",
      "{\"handle\":\"a\",\"follower_history\":[{\"at\":\"2026-01-01\"}]}|follower_history[0].followers",
      "{\"handle\":\"a\",\"follower_sample\":[{\"handle\":\"b\",\"follower_sample\":[]}]}|follower_sample[0].follower_sample",
      "{\"handle\":\"a\",\"follower_sample\":[{\"handle\":\"b\",\"following\":-1}]}|follower_sample[0].following",
      "{\"handle\":\"a\",\"label\":\"bot\"}|label",
      "{\"handle\":\"a\",\"follower_strata\":{}}|follower_strata",
      "{\"handle\":\"a\",\"follower_strata\":[3]}|follower_strata[0]",
      "{\"handle\":\"a\",\"follower_strata\":[{\"sample\":[{\"handle\":\"b\"}]}]}|follower_strata[0].offset",
      "{\"handle\":\"a\",\"follower_strata\":[{\"offset\":-1,\"sample\":[{\"handle\":\"b\"}]}]}|follower_strata[0].offset",
      "{\"handle\":\"a\",\"follower_strata\":[{\"offset\":9,\"sample\":[]}]}|follower_strata[0].sample",
      "{\"handle\":\"a\",\"follower_strata\":[{\"offset\":9,\"sample\":[{\"handle\":\"b\",\"posts\":-2}]}]}|follower_strata[0].sample[0].posts",
      "{\"handle\":\"a\",\"follower_strata\":[{\"offset\":9,\"sample\":[{\"handle\":\"b\",\"follower_strata\":[]}]}]}|follower_strata[0].sample[0].follower_strata",
      "{\"handle\":\"a\",\"follower_sample\":[{\"handle\":\"b\",\"follower_strata\":[]}]}|follower_sample[0].follower_strata",
      "{\"handle\":\"a\",\"follower_sample_method\":\"newest\",\"follower_sample\":[{\"handle\":\"b\"},{\"handle\":\"c\"}],\"follower_strata\":[{\"offset\":1,\"sample\":[{\"handle\":\"d\"}]}]}|follower_strata[0].offset",
      "{\"handle\":\"a\",\"follower_strata\":[{\"offset\":5,\"sample\":[{\"handle\":\"b\"},{\"handle\":\"c\"}]},{\"offset\":6,\"sample\":[{\"handle\":\"d\"}]}]}|follower_strata[1].offset",
  })
  void rejectsMalformedInputNamingTheField(String json, String field) {
    assertThatThrownBy(() -> AccountJson.read(json))
        .isInstanceOfSatisfying(InvalidAccountException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).contains(field);
        });
  }

  @Test
  void rejectsHugeArraysDeepNestingAndGarbageWithAMessage() {
    StringBuilder huge = new StringBuilder("{\"handle\":\"a\",\"follower_history\":[");
    for (int i = 0; i <= AccountJson.MAX_HISTORY; i++) {
      huge.append(i == 0 ? "" : ",").append("{\"at\":\"2026-01-01\",\"followers\":1}");
    }
    huge.append("]}");
    assertThatThrownBy(() -> AccountJson.read(huge.toString())).isInstanceOf(InvalidAccountException.class)
        .hasMessageContaining("follower_history").hasMessageContaining("at most");
    String deep = "{\"handle\":\"a\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> AccountJson.read(deep)).isInstanceOf(InvalidAccountException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> AccountJson.read("<html>502 Bad Gateway</html>")).isInstanceOf(InvalidAccountException.class);
    assertThatThrownBy(() -> AccountJson.read("{\"handle\":\"a\",")).isInstanceOf(InvalidAccountException.class);
    assertThatThrownBy(() -> AccountJson.read("")).isInstanceOf(InvalidAccountException.class);
    assertThatThrownBy(() -> AccountJson.read("[1,2]")).isInstanceOf(InvalidAccountException.class);
  }

  /** Found by fuzzing: a nine-digit year shifted to UTC threw DateTimeException out of read(). */
  @Test
  void aNineDigitYearInAHistoryPointIsAnInvalidFieldNotAnException() {
    assertThatThrownBy(() -> AccountJson.read("""
        {"handle":"x","follower_history":[{"at":"+999999999-12-31T23:59:59-18:00","followers":1}]}"""))
        .isInstanceOfSatisfying(InvalidAccountException.class,
            e -> assertThat(e.field()).isEqualTo("follower_history[0].at"));
  }

  /** Found by fuzzing: times beyond year 9999 (or before 0000) in UTC were read but written in a form read() refuses. */
  @ParameterizedTest
  @CsvSource({
      "last_post_at, -999999999-01-01T00:00:00+18:00",
      "created_at, 9999-12-31T23:00:00-18:00",
      "observed_at, 0000-01-01T00:00:00+01:00",
  })
  void aTimeOutsideFourDigitYearsInUtcIsRejectedSoEveryAccountReadCanBeWrittenAndReadBack(String field, String time) {
    assertThatThrownBy(() -> AccountJson.read("{\"handle\":\"x\",\"" + field + "\":\"" + time + "\"}"))
        .isInstanceOfSatisfying(InvalidAccountException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void yearsOneAndNineThousandNineHundredNinetyNineAreReadAndWrittenBack() throws InvalidAccountException {
    Account a = AccountJson.read("""
        {"handle":"x","created_at":"0001-01-01","observed_at":"9999-12-31T23:59:59Z",
         "follower_history":[{"at":"0001-01-01","followers":1},{"at":"9999-12-31T10:00:00+05:00","followers":2}]}""");
    assertThat(AccountJson.read(AccountJson.write(a))).isEqualTo(a);
    assertThat(a.followerHistory().get(1).at()).isEqualTo(java.time.LocalDate.of(9999, 12, 31));
  }

  /** Found by fuzzing: the sample method of an account inside a follower sample was read but not written. */
  @Test
  void theSampleMethodOfASampledAccountSurvivesWritingAndReading() throws InvalidAccountException {
    Account a = AccountJson.read("""
        {"handle":"alice","follower_sample":[{"handle":"bob","follower_sample_method":"newest"}]}""");
    assertThat(AccountJson.read(AccountJson.write(a))).isEqualTo(a);
  }

  @Test
  void deeperFollowerRunsAreReadInOrderAndWrittenBack() throws InvalidAccountException {
    Account a = AccountJson.read("""
        {"handle":"alice","followers":6400,"follower_sample_method":"newest",
         "follower_sample":[{"handle":"new1"},{"handle":"new2"}],
         "follower_strata":[{"offset":2,"sample":[{"handle":"mid","posts":40}]},
                            {"offset":3000,"sample":[{"handle":"old1"},{"handle":"old2","label":"human"}]}]}""");
    assertThat(a.followerStrata()).extracting(FollowerStratum::offset).containsExactly(2L, 3000L);
    assertThat(a.followerStrata().get(1).sample()).extracting(Account::handle).containsExactly("old1", "old2");
    assertThat(a.followerSample()).hasSize(2);
    assertThat(AccountJson.read(AccountJson.write(a))).isEqualTo(a);
    assertThat(AccountJson.write(Account.builder("bob").build())).doesNotContain("follower_strata");
  }

  @Test
  void strataHoldAtMostMaxSampleAccountsInAll() {
    StringBuilder json = new StringBuilder("{\"handle\":\"a\",\"follower_strata\":[");
    int half = AccountJson.MAX_SAMPLE / 2 + 1;
    for (int s = 0; s < 2; s++) {
      json.append(s == 0 ? "" : ",").append("{\"offset\":").append(s * half).append(",\"sample\":[");
      for (int i = 0; i < half; i++) {
        json.append(i == 0 ? "" : ",").append("{\"handle\":\"f").append(i).append("\"}");
      }
      json.append("]}");
    }
    json.append("]}");
    assertThatThrownBy(() -> AccountJson.read(json.toString()))
        .isInstanceOfSatisfying(InvalidAccountException.class, e -> {
          assertThat(e.field()).isEqualTo("follower_strata");
          assertThat(e.getMessage()).contains("at most " + AccountJson.MAX_SAMPLE);
        });
  }

  /** Found by fuzzing: the handle "@" passed the blank check before its "@" was removed, giving an empty handle. */
  @Test
  void aHandleOfOnlyAnAtSignIsEmpty() {
    assertThatThrownBy(() -> AccountJson.read("{\"handle\":\"@\"}"))
        .isInstanceOfSatisfying(InvalidAccountException.class, e -> assertThat(e.field()).isEqualTo("handle"));
  }
}

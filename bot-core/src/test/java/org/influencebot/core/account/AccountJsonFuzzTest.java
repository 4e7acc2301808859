package org.influencebot.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any bytes given to {@link AccountJson#read} give an account within the documented limits, or an
 * {@link InvalidAccountException} with a bounded message: nothing else, and what was read can be
 * written and read back to the same account. Seeds are plain JSON files in
 * {@code AccountJsonFuzzTestInputs/read/}.
 */
class AccountJsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void read(byte[] bytes) {
    String json = new String(bytes, StandardCharsets.UTF_8);
    Account account;
    try {
      account = AccountJson.read(json);
    } catch (InvalidAccountException e) {
      assertThat(e.getMessage()).as("message of %s", e.field()).hasSizeLessThan(600);
      assertThat(e.field()).hasSizeLessThan(200);
      return;
    }
    assertThat(account.handle()).isNotBlank().hasSizeLessThanOrEqualTo(AccountJson.MAX_HANDLE);
    account.displayName().ifPresent(n -> assertThat(n).hasSizeLessThanOrEqualTo(AccountJson.MAX_TEXT));
    assertThat(account.recentPosts()).hasSizeLessThanOrEqualTo(AccountJson.MAX_POSTS);
    assertThat(account.followerHistory()).hasSizeLessThanOrEqualTo(AccountJson.MAX_HISTORY);
    assertThat(account.followerSample()).hasSizeLessThanOrEqualTo(AccountJson.MAX_SAMPLE);
    assertThat(account.followers().orElse(0)).isBetween(0L, 1_000_000_000_000_000L);
    for (FollowerPoint p : account.followerHistory()) {
      assertThat(p.followers()).isBetween(0L, 1_000_000_000_000_000L);
    }
    String written = AccountJson.write(account);
    try {
      assertThat(AccountJson.read(written)).isEqualTo(account);
    } catch (InvalidAccountException e) {
      throw new AssertionError("an account read cannot be read back after writing: " + e.getMessage(), e);
    }
  }
}

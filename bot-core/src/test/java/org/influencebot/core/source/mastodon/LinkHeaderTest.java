package org.influencebot.core.source.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void findsNextAmongRelations() {
    assertThat(LinkHeader.next("<https://m.example/api/v1/accounts/1/followers?max_id=7>; rel=\"next\", "
        + "<https://m.example/api/v1/accounts/1/followers?min_id=9>; rel=\"prev\""))
        .contains("https://m.example/api/v1/accounts/1/followers?max_id=7");
    assertThat(LinkHeader.next("<https://m.example/p?min_id=9>; rel=\"prev\"")).isEmpty();
    assertThat(LinkHeader.next("<https://a/x>; rel=next")).contains("https://a/x");
    assertThat(LinkHeader.next("garbage, <<>>; rel=")).isEmpty();
    assertThat(LinkHeader.next(null)).isEmpty();
    assertThat(LinkHeader.next("<https://a/x>; rel=\"next\"" + " ".repeat(10_000))).isEmpty();
  }
}

package org.influencebot.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.source.SampleAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDirectoryTest {
  @TempDir
  Path dir;

  private void write(String file, List<Account> accounts, String extra) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Account a : accounts) {
      sb.append(AccountJson.write(a)).append('\n');
    }
    Files.writeString(dir.resolve(file), sb + extra);
  }

  @Test
  void eachNetworksFileIsItsReferenceDatedByItsLatestObservation() throws Exception {
    List<Account> accounts = SampleAccounts.followers(new Random(1), 120, 0.05).stream()
        .map(a -> a.toBuilder().network(null).build()).toList();
    write("bluesky.jsonl", accounts, "{not json\n\n");
    ReferenceDirectory d = ReferenceDirectory.read(dir);
    Reference r = d.find("bluesky").orElseThrow();
    assertThat(r.accounts()).hasSize(120).allSatisfy(a -> assertThat(a.network()).contains("bluesky"));
    assertThat(r.sampledAt()).isEqualTo(SampleAccounts.OBSERVED);
    assertThat(r.method()).isEqualTo(Reference.Method.FILE);
    assertThat(d.find("instagram")).isEmpty();
    assertThat(d.list()).extracting(Reference.Summary::network).containsExactly("bluesky");
    assertThat(d.warnings()).singleElement().asString().contains("bluesky.jsonl").contains("1 line");
  }

  @Test
  void aFileWithoutObservationTimesIsDatedByItsModificationTime() throws Exception {
    Account a = Account.builder("x").followers(3).following(4).posts(5).build();
    write("instagram.jsonl", List.of(a), "");
    Instant t = Instant.parse("2026-10-01T00:00:00Z");
    Files.setLastModifiedTime(dir.resolve("instagram.jsonl"), java.nio.file.attribute.FileTime.from(t));
    assertThat(ReferenceDirectory.read(dir).find("instagram").orElseThrow().sampledAt()).isEqualTo(t);
  }

  @Test
  void aMissingFolderIsOneSentenceNamingTheSetting() {
    assertThatThrownBy(() -> ReferenceDirectory.read(dir.resolve("nope")))
        .isInstanceOf(ReferenceDirectory.ReferenceException.class)
        .hasMessageContaining("audit.reference_dir").hasMessageContaining("is not a folder");
  }

  @Test
  void aFileNotNamedAfterANetworkIsSkippedWithAWarning() throws Exception {
    write("My Accounts.jsonl", List.of(Account.builder("x").build()), "");
    ReferenceDirectory d = ReferenceDirectory.read(dir);
    assertThat(d.list()).isEmpty();
    assertThat(d.warnings()).singleElement().asString().contains("not a network name");
  }
}

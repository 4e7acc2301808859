package org.influencebot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Trend;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.SampleAccounts;
import org.junit.jupiter.api.Test;

class SummaryCodecTest {
  private final SummaryCodec codec = new SummaryCodec();
  private final Analyzer analyzer = new Analyzer(FakeModel.loadDefault(),
      Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC));

  @Test
  void everySampleSummaryReadsBackEqual() throws IOException {
    for (Account account : SampleAccounts.all()) {
      Summary summary = analyzer.analyze(Handle.of("sample", account.handle()), account, "sample data")
          .withTrend(Optional.of(new Trend(-3, 7, 12)));

      assertThat(codec.read(codec.write(summary))).as(account.handle()).isEqualTo(summary);
    }
  }

  @Test
  void anEntryOfAnotherVersionIsRefusedRatherThanMisread() {
    byte[] other = "{\"v\":0,\"summary\":{}}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.read(other)).isInstanceOf(IOException.class).hasMessageContaining("version");
  }
}

package org.influencebot.telegram;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.influencebot.core.settings.ScopeSettings;
import org.influencebot.core.settings.SettingRules;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.influencebot.core.chart.ComparisonChart;
import java.util.function.Function;
import org.influencebot.core.text.Messages;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.source.SampleSource;
import org.influencebot.core.account.Account;
import org.influencebot.core.source.MetricsSource;

/** The real core (sample data, rule scorer, cache, limits) behind a bot talking to a {@link FakeBotApi}. */
final class Harness implements AutoCloseable {
  /** A handle whose display name is markup, to prove escaping: {@code <b>Tom & "Jerry"</b>}. */
  static final String TRICKY_NAME = "<b>Tom & \"Jerry\"</b>";

  /** The request limits' clock, in nanoseconds. */
  final java.util.concurrent.atomic.AtomicLong limitTicks = new java.util.concurrent.atomic.AtomicLong();
  final Clock clock = Clock.fixed(SampleAccounts.OBSERVED.plusSeconds(3600), ZoneOffset.UTC);
  final ExecutorService executor = Executors.newFixedThreadPool(4);
  final CommandRunner runner;
  final FakeBotApi api;
  final TelegramBot bot;
  final Store store;
  final Path dataDir;
  private final boolean deleteAtClose;
  /** What /debug shows the owner. */
  volatile String debugReport = "influence-bot test\nconfiguration:\n  telegram.owner_id = 7";
  /** Where the joins, leaves and activity the bot sees go, and what {@code /members} audits. */
  final org.influencebot.core.members.MemberWatch members;
  /** {@code @slow} is looked up only once this completes. */
  final CompletableFuture<Void> slowGate = new CompletableFuture<>();

  Harness(FakeBotApi api, TelegramOptions options, Function<Summary, Optional<byte[]>> charts) {
    this(api, options, (s, m) -> charts.apply(s));
  }

  Harness(FakeBotApi api, TelegramOptions options, BiFunction<Summary, Messages, Optional<byte[]>> charts) {
    this(api, options, charts, ComparisonChart.none(), temporaryDir(), true);
  }

  Harness(FakeBotApi api, TelegramOptions options, BiFunction<Summary, Messages, Optional<byte[]>> charts,
      ComparisonChart compareCharts) {
    this(api, options, charts, compareCharts, temporaryDir(), true);
  }

  /** A bot whose store lives in {@code dataDir}, kept after {@link #close()}: for tests that reopen it. */
  Harness(FakeBotApi api, TelegramOptions options, Path dataDir) {
    this(api, options, (s, m) -> Optional.empty(), ComparisonChart.none(), dataDir, false);
  }

  /**
   * A bot whose member audits read {@code memberLog} and draw their chart with {@code joinsChart} (no charts of
   * summaries).
   */
  Harness(FakeBotApi api, TelegramOptions options, org.influencebot.core.members.MemberLog memberLog,
      BiFunction<org.influencebot.core.members.MemberAuditReport, Messages, Optional<byte[]>> joinsChart) {
    this(api, options, (s, m) -> Optional.empty(), ComparisonChart.none(), temporaryDir(), true, memberLog, joinsChart);
  }

  private Harness(FakeBotApi api, TelegramOptions options, BiFunction<Summary, Messages, Optional<byte[]>> charts,
      ComparisonChart compareCharts, Path dataDir, boolean deleteAtClose) {
    this(api, options, charts, compareCharts, dataDir, deleteAtClose,
        new org.influencebot.core.members.MemoryMemberLog(), (r, m) -> Optional.empty());
  }

  private Harness(FakeBotApi api, TelegramOptions options, BiFunction<Summary, Messages, Optional<byte[]>> charts,
      ComparisonChart compareCharts, Path dataDir, boolean deleteAtClose,
      org.influencebot.core.members.MemberLog memberLog,
      BiFunction<org.influencebot.core.members.MemberAuditReport, Messages, Optional<byte[]>> joinsChart) {
    this.api = api;
    this.dataDir = dataDir;
    this.deleteAtClose = deleteAtClose;
    this.store = Store.open(new StoreLocation.SqliteFile(dataDir), withoutCooldown(StoreOptions.standard(clock)));
    InfluenceService service = new InfluenceService(new TrickySource(new SampleSource(), slowGate),
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
        InfluenceService.Options.defaults());
    // The limits' time stands still unless a test moves it: a member's allowance never refills by luck.
    this.runner = new CommandRunner(service, new RequestLimits(RequestLimits.Options.defaults(), limitTicks::get),
        new StoreCommunity(store), () -> debugReport);
    this.members = new org.influencebot.core.members.MemberWatch(memberLog);
    runner.auditMembersWith(org.influencebot.core.members.MemberAudits.of(memberLog, clock));
    this.bot = new TelegramBot(options, runner, clock, charts, compareCharts);
    bot.watchMembers(members, joinsChart);
  }

  /**
   * The standard settings, but no cooldown between a member's lookups unless a test's moderator sets
   * one: the clock is fixed, so the standard 5 s would hold back every second lookup of a member.
   */
  static StoreOptions withoutCooldown(StoreOptions standard) {
    SettingRules rules = standard.settingRules();
    ScopeSettings d = rules.defaults();
    return new StoreOptions(standard.clock(), new SettingRules(rules.networks(), rules.commands(),
        rules.maxCooldown(), new ScopeSettings(d.language(), d.privateReplies(), d.answerChannels(), Duration.ZERO,
            d.defaultNetwork(), d.enabledCommands())), standard.retention());
  }

  private static Path temporaryDir() {
    try {
      return Files.createTempDirectory("telegram-test-store");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Function<Summary, Optional<byte[]>> noCharts() {
    return s -> Optional.empty();
  }

  @Override
  public void close() {
    bot.close();
    members.close();
    executor.shutdownNow();
    store.close();
    if (deleteAtClose) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temporary folder left behind
      }
    }
  }

  /** The sample source, plus {@code tricky}: mid_creator's metrics under a display name full of markup. */
  static final class TrickySource implements MetricsSource {
    private final SampleSource sample;
    private final CompletableFuture<Void> slowGate;

    TrickySource(SampleSource sample, CompletableFuture<Void> slowGate) {
      this.sample = sample;
      this.slowGate = slowGate;
    }

    @Override
    public String name() {
      return sample.name();
    }

    @Override
    public boolean serves(String network) {
      return sample.serves(network);
    }

    @Override
    public CompletableFuture<Account> fetch(Handle handle) {
      if (handle.name().equalsIgnoreCase("tricky")) {
        return sample.fetch(new Handle(handle.network(), "mid_creator"))
            .thenApply(a -> a.toBuilder().displayName(TRICKY_NAME).build());
      }
      if (handle.name().equalsIgnoreCase("slow")) {
        return slowGate.thenCompose(v -> sample.fetch(new Handle(handle.network(), "small_person")));
      }
      return sample.fetch(handle);
    }
  }
}

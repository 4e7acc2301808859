package org.influencebot.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.influencebot.core.account.Account;
import org.influencebot.core.source.http.TestRuntime;
import org.junit.jupiter.api.Test;

/** Drawn references answer from memory, draw in the background when stale, and keep the old one on failure. */
class DrawnReferencesTest {
  static final Instant T0 = TestRuntime.T0;
  static final Duration WEEK = Duration.ofDays(7);

  final TestRuntime.MutableClock clock = new TestRuntime.MutableClock(T0);
  final ManualScheduler scheduler = new ManualScheduler();
  final MemoryKeeper keeper = new MemoryKeeper();
  final FakeDrawer drawer = new FakeDrawer(Set.of("bluesky"), "bluesky"::equals);

  /** Tasks run by hand when the clock reaches them: no thread, no sleep. */
  final class ManualScheduler implements DrawnReferences.Scheduler {
    record Task(Instant due, long order, Runnable run) {}

    final List<Task> tasks = new ArrayList<>();
    long order;

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
      tasks.add(new Task(clock.instant().plus(delay), order++, task));
    }

    /** Runs every task due now, in order; returns how many ran. */
    int runDue() {
      int ran = 0;
      while (true) {
        Task next;
        synchronized (this) {
          next = tasks.stream().filter(t -> !t.due().isAfter(clock.instant()))
              .min(Comparator.comparing(Task::due).thenComparing(Task::order)).orElse(null);
          if (next == null) {
            return ran;
          }
          tasks.remove(next);
        }
        next.run().run();
        ran++;
      }
    }

    synchronized Optional<Instant> nextDue() {
      return tasks.stream().map(Task::due).min(Comparator.naturalOrder());
    }
  }

  static final class MemoryKeeper implements ReferenceKeeper {
    final Map<String, Reference> kept = new ConcurrentHashMap<>();
    final AtomicInteger saves = new AtomicInteger();

    @Override
    public Optional<Reference> load(String network) {
      return Optional.ofNullable(kept.get(network));
    }

    @Override
    public void save(Reference reference) {
      saves.incrementAndGet();
      kept.merge(reference.network(), reference, (a, b) -> b.sampledAt().isAfter(a.sampledAt()) ? b : a);
    }
  }

  final class FakeDrawer implements ReferenceDrawer {
    final Set<String> eager;
    final java.util.function.Predicate<String> serves;
    final List<String> draws = new ArrayList<>();
    volatile boolean fails;
    volatile boolean none;

    FakeDrawer(Set<String> eager, java.util.function.Predicate<String> serves) {
      this.eager = eager;
      this.serves = serves;
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Set<String> networks() {
      return eager;
    }

    @Override
    public boolean serves(String network) {
      return serves.test(network);
    }

    @Override
    public Optional<Reference> draw(String network) {
      draws.add(network);
      if (fails) {
        throw new IllegalStateException("relay: HTTP 503 from relay.example/xrpc/com.atproto.sync.listRepos");
      }
      return none ? Optional.empty() : Optional.of(reference(network, clock.instant(), 3));
    }
  }

  static Reference reference(String network, Instant at, int size) {
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      accounts.add(Account.builder("a" + i).network(network).build());
    }
    return new Reference(network, accounts, at, Reference.Method.BLUESKY_RELAY, "test");
  }

  DrawnReferences refs(FakeDrawer... drawers) {
    return new DrawnReferences(List.of(drawers), keeper, clock, scheduler,
        new DrawnReferences.Options(WEEK, Duration.ofHours(1), Duration.ZERO));
  }

  @Test
  void aFreshKeptSampleIsLoadedAtStartAndRedrawnOnlyOnceItIsOlderThanTheRefreshPeriod() {
    Reference kept = reference("bluesky", T0.minus(Duration.ofDays(2)), 5);
    keeper.kept.put("bluesky", kept);
    DrawnReferences refs = refs(drawer).start();

    assertThat(refs.find("bluesky")).contains(kept);
    assertThat(refs.list()).containsExactly(kept.summary());
    assertThat(scheduler.runDue()).isZero();
    assertThat(scheduler.nextDue()).contains(kept.sampledAt().plus(WEEK));

    clock.advance(Duration.ofDays(5).minusSeconds(1));
    scheduler.runDue();
    assertThat(drawer.draws).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(scheduler.runDue()).isEqualTo(1);
    assertThat(drawer.draws).containsExactly("bluesky");
    Reference fresh = refs.find("bluesky").orElseThrow();
    assertThat(fresh.sampledAt()).isEqualTo(clock.instant());
    assertThat(keeper.kept.get("bluesky")).isEqualTo(fresh);
    assertThat(scheduler.nextDue()).contains(clock.instant().plus(WEEK));
  }

  @Test
  void withNothingKeptTheFirstDrawIsScheduledAtOnceAndFindDoesNotWaitForIt() {
    DrawnReferences refs = refs(drawer).start();

    assertThat(refs.find("bluesky")).isEmpty();
    assertThat(drawer.draws).as("find never draws on its caller's thread").isEmpty();
    scheduler.runDue();
    assertThat(refs.find("bluesky")).map(Reference::sampledAt).contains(T0);
    assertThat(keeper.saves).hasValue(1);
  }

  @Test
  void aFailedDrawKeepsTheOldSampleAndIsTriedAgainAfterAnHour() {
    Reference old = reference("bluesky", T0.minus(Duration.ofDays(9)), 4);
    keeper.kept.put("bluesky", old);
    drawer.fails = true;
    DrawnReferences refs = refs(drawer).start();

    scheduler.runDue();
    assertThat(drawer.draws).hasSize(1);
    assertThat(refs.find("bluesky")).contains(old);
    assertThat(keeper.kept.get("bluesky")).isEqualTo(old);
    assertThat(scheduler.nextDue()).contains(T0.plus(Duration.ofHours(1)));

    drawer.fails = false;
    clock.advance(Duration.ofHours(1));
    scheduler.runDue();
    assertThat(drawer.draws).hasSize(2);
    assertThat(refs.find("bluesky").orElseThrow().sampledAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void theRefreshPeriodIsTheSetting() {
    DrawnReferences refs = new DrawnReferences(List.of(drawer), keeper, clock, scheduler,
        new DrawnReferences.Options(Duration.ofDays(1), Duration.ofHours(1), Duration.ZERO)).start();
    scheduler.runDue();
    clock.advance(Duration.ofDays(1));
    scheduler.runDue();
    assertThat(drawer.draws).hasSize(2);
    assertThat(refs.find("bluesky").orElseThrow().sampledAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
  }

  @Test
  void aFresherSampleKeptByAnotherProcessIsTakenInsteadOfDrawing() {
    keeper.kept.put("bluesky", reference("bluesky", T0.minus(Duration.ofDays(8)), 4));
    DrawnReferences refs = refs(drawer).start();
    Reference theirs = reference("bluesky", T0.minus(Duration.ofMinutes(5)), 6);
    keeper.kept.put("bluesky", theirs);

    scheduler.runDue();
    assertThat(drawer.draws).isEmpty();
    assertThat(refs.find("bluesky")).contains(theirs);
  }

  @Test
  void aNetworkAskedForTheFirstTimeIsDrawnOnceInTheBackground() {
    FakeDrawer http = new FakeDrawer(Set.of(), n -> n.equals("instagram"));
    DrawnReferences refs = refs(http).start();
    assertThat(scheduler.nextDue()).isEmpty();

    assertThat(refs.find("instagram")).isEmpty();
    assertThat(refs.find("instagram")).isEmpty();
    assertThat(refs.find("twitter")).isEmpty(); // served by no drawer: nothing scheduled
    assertThat(scheduler.tasks).hasSize(1);
    scheduler.runDue();
    assertThat(http.draws).containsExactly("instagram");
    assertThat(refs.find("instagram")).isPresent();
  }

  @Test
  void anOriginWithoutASampleIsAskedAgainAfterTheRefreshPeriodOnly() {
    FakeDrawer http = new FakeDrawer(Set.of(), n -> true);
    http.none = true;
    DrawnReferences refs = refs(http).start();
    refs.find("instagram");
    scheduler.runDue();
    refs.find("instagram");
    scheduler.runDue();
    assertThat(http.draws).hasSize(1);
    assertThat(scheduler.nextDue()).contains(T0.plus(WEEK));
  }

  @Test
  void byDefaultNothingIsDrawnInTheFirstMinuteSoAOneShotCommandSendsNoRequest() {
    keeper.kept.put("bluesky", reference("bluesky", T0.minus(Duration.ofDays(30)), 4));
    FakeDrawer http = new FakeDrawer(Set.of(), n -> n.equals("instagram"));
    DrawnReferences refs = new DrawnReferences(List.of(drawer, http), keeper, clock, scheduler,
        DrawnReferences.Options.refreshEvery(WEEK)).start();
    assertThat(refs.find("bluesky")).isPresent(); // the kept one, however old, is served at once
    assertThat(refs.find("instagram")).isEmpty();
    clock.advance(Duration.ofSeconds(59));
    scheduler.runDue();
    assertThat(drawer.draws).isEmpty();
    assertThat(http.draws).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    scheduler.runDue();
    assertThat(drawer.draws).containsExactly("bluesky");
    assertThat(http.draws).containsExactly("instagram");
  }

  @Test
  void afterCloseNothingMoreIsScheduled() {
    DrawnReferences refs = refs(drawer).start();
    refs.close();
    scheduler.runDue();
    assertThat(scheduler.tasks).isEmpty();
    assertThat(refs.find("other")).isEmpty();
  }
}

package org.influencebot.core.reference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The references the bot draws itself ({@link ReferenceDrawer}s) and keeps with their date
 * ({@link ReferenceKeeper}). {@link #find} answers from memory only and never blocks; draws run on one
 * background thread, one at a time: at start for a network with no kept sample or one older than
 * {@code refresh}, then again whenever the sample reaches that age, and for a network a drawer
 * {@linkplain ReferenceDrawer#serves serves} the first time an audit asks for it. A draw that fails logs
 * one sentence and keeps the old sample; it is tried again after {@code retryAfterFailure}.
 *
 * <p>Several processes sharing a store draw at most about once each per period: before drawing, a
 * process reads the store, and takes a fresh sample another process kept instead of drawing its own.
 */
public final class DrawnReferences implements References, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DrawnReferences.class);
  /** Networks drawn on demand at most: audits name networks from a short list, but stay bounded anyway. */
  static final int MAX_NETWORKS = 64;

  /** Runs a task once after a delay, on a thread that is not a platform's. */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Runnable task, Duration delay);

    static Scheduler of(ScheduledExecutorService executor) {
      return (task, delay) -> executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * @param refresh a sample older than this is drawn again ({@code audit.reference_refresh}, 7 days)
   * @param retryAfterFailure how long after a failed draw the next is tried
   * @param startDelay no draw starts sooner than this after {@link #start()}: a one-shot command
   *     ({@code score}) or a quick restart sends no request; samples kept in the store are served at once
   */
  public record Options(Duration refresh, Duration retryAfterFailure, Duration startDelay) {
    public Options {
      if (refresh.isNegative() || refresh.isZero() || retryAfterFailure.isNegative() || retryAfterFailure.isZero()
          || startDelay.isNegative()) {
        throw new IllegalArgumentException("reference refresh and retry periods must be positive");
      }
    }

    /** Refresh as given; retry a failure an hour later (or at the refresh, if sooner); start a minute in. */
    public static Options refreshEvery(Duration refresh) {
      Duration hour = Duration.ofHours(1);
      return new Options(refresh, refresh.compareTo(hour) < 0 ? refresh : hour, Duration.ofMinutes(1));
    }
  }

  private final List<ReferenceDrawer> drawers;
  private final ReferenceKeeper keeper;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Options options;
  private final Optional<ScheduledExecutorService> owned;
  private final Map<String, Reference> held = new ConcurrentHashMap<>();
  /** Networks with a check scheduled or running: each has at most one at a time. */
  private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile Instant started;

  public DrawnReferences(List<ReferenceDrawer> drawers, ReferenceKeeper keeper, Clock clock, Scheduler scheduler,
      Options options) {
    this(drawers, keeper, clock, scheduler, options, Optional.empty());
  }

  private DrawnReferences(List<ReferenceDrawer> drawers, ReferenceKeeper keeper, Clock clock, Scheduler scheduler,
      Options options, Optional<ScheduledExecutorService> owned) {
    this.drawers = List.copyOf(drawers);
    this.keeper = Objects.requireNonNull(keeper);
    this.clock = Objects.requireNonNull(clock);
    this.scheduler = Objects.requireNonNull(scheduler);
    this.options = Objects.requireNonNull(options);
    this.owned = owned;
  }

  /** With its own daemon thread {@code reference-draw}, shut down by {@link #close()}. */
  public static DrawnReferences withOwnThread(List<ReferenceDrawer> drawers, ReferenceKeeper keeper, Clock clock,
      Options options) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "reference-draw");
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return new DrawnReferences(drawers, keeper, clock, Scheduler.of(executor), options, Optional.of(executor));
  }

  /**
   * Loads the kept samples of every drawer's networks (this thread: call it at start, not from a
   * platform's thread) and schedules a draw for each one missing or older than the refresh period.
   */
  public DrawnReferences start() {
    started = clock.instant();
    for (ReferenceDrawer drawer : drawers) {
      for (String network : drawer.networks()) {
        try {
          keeper.load(network).ifPresent(r -> held.put(network, r));
        } catch (RuntimeException e) {
          LOG.warn("reference sample of {}: could not read the kept one ({}); drawing a new one", network,
              oneLine(e));
        }
        if (pending.putIfAbsent(network, Boolean.TRUE) == null) {
          schedule(network, notBeforeStartDelay(untilStale(held.get(network))));
        }
      }
    }
    return this;
  }

  @Override
  public Optional<Reference> find(String network) {
    Reference r = held.get(network);
    if (r == null && !closed && !pending.containsKey(network) && pending.size() < MAX_NETWORKS
        && drawerFor(network).isPresent() && pending.putIfAbsent(network, Boolean.TRUE) == null) {
      schedule(network, notBeforeStartDelay(Duration.ZERO));
    }
    return Optional.ofNullable(r);
  }

  @Override
  public List<Reference.Summary> list() {
    List<Reference.Summary> all = new ArrayList<>();
    held.values().forEach(r -> all.add(r.summary()));
    all.sort(Comparator.comparing(Reference.Summary::network));
    return List.copyOf(all);
  }

  /** Whether {@code network} has a check (and, when stale, a draw) scheduled or running, for {@code /debug}. */
  public boolean drawPending(String network) {
    return pending.containsKey(network);
  }

  private Optional<ReferenceDrawer> drawerFor(String network) {
    return drawers.stream().filter(d -> d.serves(network)).findFirst();
  }

  /** {@code delay}, or longer so that nothing is drawn within {@link Options#startDelay()} of the start. */
  private Duration notBeforeStartDelay(Duration delay) {
    Instant from = started == null ? clock.instant() : started;
    Duration left = Duration.between(clock.instant(), from.plus(options.startDelay()));
    return left.compareTo(delay) > 0 ? left : delay;
  }

  private Duration untilStale(Reference r) {
    if (r == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), r.sampledAt().plus(options.refresh()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private boolean stale(Reference r) {
    return r == null || !clock.instant().isBefore(r.sampledAt().plus(options.refresh()));
  }

  /** Schedules the next check of {@code network}, which the caller marked pending. */
  private void schedule(String network, Duration delay) {
    if (closed) {
      pending.remove(network);
      return;
    }
    try {
      scheduler.schedule(() -> check(network), delay);
    } catch (RejectedExecutionException e) {
      pending.remove(network); // shutting down
    }
  }

  /** On the background thread: adopt a fresher kept sample, else draw when stale; then plan the next check. */
  private void check(String network) {
    if (closed) {
      pending.remove(network);
      return;
    }
    Duration next;
    try {
      next = refreshIfStale(network);
    } catch (RuntimeException e) {
      LOG.warn("reference sample of {}: the check failed ({})", network, oneLine(e));
      next = options.retryAfterFailure();
    }
    schedule(network, next); // still pending: the next check is this network's one scheduled task
  }

  private Duration refreshIfStale(String network) {
    Reference current = held.get(network);
    Optional<Reference> kept = Optional.empty();
    try {
      kept = keeper.load(network);
    } catch (RuntimeException e) {
      LOG.debug("reference sample of {}: could not read the kept one ({})", network, oneLine(e));
    }
    if (kept.isPresent() && (current == null || kept.get().sampledAt().isAfter(current.sampledAt()))) {
      current = kept.get();
      held.put(network, current);
    }
    if (!stale(current)) {
      return untilStale(current);
    }
    Optional<ReferenceDrawer> drawer = drawerFor(network);
    if (drawer.isEmpty()) {
      return options.refresh();
    }
    Optional<Reference> drawn;
    try {
      drawn = drawer.get().draw(network);
    } catch (RuntimeException e) {
      LOG.warn("reference sample of {} not drawn from {} ({}); {}", network, drawer.get().name(), oneLine(e),
          current == null ? "audits of " + network + " stay unmeasured until a draw succeeds"
              : "keeping the one of " + current.sampledAt() + " (" + current.accounts().size() + " accounts)");
      return options.retryAfterFailure();
    }
    if (drawn.isEmpty()) {
      LOG.info("reference sample of {}: {} has none", network, drawer.get().name());
      return options.refresh();
    }
    Reference r = drawn.get();
    held.put(network, r);
    LOG.info("reference sample of {} drawn from {}: {} accounts", network, drawer.get().name(), r.accounts().size());
    try {
      keeper.save(r);
    } catch (RuntimeException e) {
      LOG.warn("reference sample of {}: drawn but not kept in the store ({}); it is used until the bot stops",
          network, oneLine(e));
    }
    return untilStale(r).isZero() ? options.refresh() : untilStale(r);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = m.indexOf('\n');
    m = newline >= 0 ? m.substring(0, newline) : m;
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }

  /** Stops drawing; the thread of {@link #withOwnThread} ends (a draw under way is interrupted). */
  @Override
  public void close() {
    closed = true;
    owned.ifPresent(ScheduledExecutorService::shutdownNow);
  }

  /** When the sample of {@code network} held now was drawn, for tests. */
  Optional<Instant> sampledAt(String network) {
    return Optional.ofNullable(held.get(network)).map(Reference::sampledAt);
  }
}

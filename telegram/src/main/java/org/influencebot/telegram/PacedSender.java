package org.influencebot.telegram;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Sends every outgoing Bot API request within Telegram's limits ({@link SendSchedule}), from one
 * dispatcher thread that never waits on Telegram. When other processes send for the same bot, the
 * dispatcher also takes each request's tokens from the limits they share ({@link SharedPacing}: round
 * trips to Redis, each bounded by {@code redis.timeout}) and puts back what they refuse until it may
 * go. A 429 answer is waited out ({@code retry_after}) and the request sent again; a network failure
 * is retried a few times; a reply is never dropped silently. The queue is bounded: {@link #offer}
 * refuses when full, and the caller tells the user.
 */
final class PacedSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PacedSender.class);
  /**
   * How long a request that keeps failing for a passing reason (network, unreadable answer, 5xx) is
   * tried again, from its first failure; the waits double from 1 s up to {@link #MAX_BACKOFF_NANOS}.
   */
  private static final long TRANSIENT_RETRY_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** One request to send: what it is (for logs, never its text) and how to send it. */
  private static final class Job {
    final String lane;
    final SendSchedule.Kind kind;
    final String what;
    final Supplier<CompletableFuture<?>> send;
    int attempts;
    /** When it first failed for a passing reason, or -1. */
    long firstFailureAt = -1;

    Job(String lane, SendSchedule.Kind kind, String what, Supplier<CompletableFuture<?>> send) {
      this.lane = lane;
      this.kind = kind;
      this.what = what;
      this.send = send;
    }
  }

  /** A request and where it goes. */
  record Request(String what, Supplier<CompletableFuture<?>> send) {}

  private final SendSchedule<Job> schedule;
  private final Optional<SharedPacing> shared;
  private final int capacity;
  private final int reserve;
  private final LongSupplier nanoTime;
  private final TelegramOptions options;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread dispatcher;
  private volatile boolean running = true;

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong waited429 = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong sharedWaits = new AtomicLong();

  /** Paced for this process alone. */
  PacedSender(TelegramOptions options, LongSupplier nanoTime) {
    this(options, nanoTime, Optional.empty());
  }

  /** @param shared the limits shared with the bot's other processes, if any */
  PacedSender(TelegramOptions options, LongSupplier nanoTime, Optional<SharedPacing> shared) {
    this.options = options;
    this.shared = shared;
    // With shared limits the bot's budget is the shared bucket's (in Redis, or this process's own while Redis
    // is down), counted once; the local schedule keeps the order, the chats' turns and their intervals.
    TelegramOptions.Pacing pacing = options.pacing();
    this.schedule = new SendSchedule<>(shared.isEmpty() ? pacing
        : new TelegramOptions.Pacing(pacing.perChat(), pacing.perGroupPerMinute(), Integer.MAX_VALUE));
    this.capacity = options.queueSize();
    this.reserve = Math.max(1, options.queueSize() / 10);
    this.nanoTime = nanoTime;
    this.dispatcher = new Thread(this::dispatch, "telegram-sender");
    this.dispatcher.setDaemon(true);
  }

  void start() {
    dispatcher.start();
  }

  /** Queues requests for one chat (in this order), all or none; false when the queue is full. */
  boolean offer(String lane, SendSchedule.Kind kind, List<Request> requests) {
    return add(lane, kind, requests, capacity);
  }

  /**
   * Queues a short notice (such as "try again") even when the queue is full, using a small reserve,
   * so that the user hears back; false only when the reserve is spent too.
   */
  boolean offerNotice(String lane, SendSchedule.Kind kind, Request request) {
    return add(lane, kind, List.of(request), capacity + reserve);
  }

  private boolean add(String lane, SendSchedule.Kind kind, List<Request> requests, int limit) {
    lock.lock();
    try {
      if (!running || schedule.pending() + requests.size() > limit) {
        refused.incrementAndGet();
        return false;
      }
      for (Request r : requests) {
        schedule.add(lane, kind, new Job(lane, kind, r.what(), r.send()));
      }
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the dispatcher to look at the time again (its clock may have been moved by a test). */
  void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void dispatch() {
    long lastSweep = nanoTime.getAsLong();
    while (running) {
      Job job;
      lock.lock();
      try {
        long now = nanoTime.getAsLong();
        if (now - lastSweep > TimeUnit.SECONDS.toNanos(30)) {
          schedule.sweep(now);
          lastSweep = now;
        }
        job = schedule.next(now);
        if (job == null) {
          long wait = schedule.waitFrom(now);
          changed.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      if (shared.isPresent() && !mayGoNow(job, shared.get())) {
        continue;
      }
      send(job);
    }
  }

  /** Takes the job's shared tokens; false (the job put back to wait) when they refuse. */
  private boolean mayGoNow(Job job, SharedPacing pacing) {
    SharedPacing.Decision decision = pacing.take(job.lane, job.kind);
    if (decision.go()) {
      return true;
    }
    sharedWaits.incrementAndGet();
    lock.lock();
    try {
      schedule.putBack(job.lane, job, nanoTime.getAsLong(), decision.waitNanos(), decision.wholeBot());
    } finally {
      lock.unlock();
    }
    return false;
  }

  private void send(Job job) {
    job.attempts++;
    CompletableFuture<?> future;
    try {
      future = job.send.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((result, error) -> finished(job, error));
  }

  private void finished(Job job, Throwable error) {
    long now = nanoTime.getAsLong();
    lock.lock();
    try {
      if (error == null) {
        sent.incrementAndGet();
        schedule.done(job.lane, now);
        return;
      }
      Throwable cause = unwrap(error);
      if (cause instanceof TelegramApiRequestException api && api.getErrorCode() != null && api.getErrorCode() == 429) {
        Integer after = api.getParameters() == null ? null : api.getParameters().getRetryAfter();
        long seconds = after == null || after < 1 ? 1 : after;
        waited429.incrementAndGet();
        LOG.warn("Telegram asked to slow down (429) on {}: sending it again in {} s", job.what, seconds);
        schedule.retry(job.lane, job, now, TimeUnit.SECONDS.toNanos(seconds));
        return;
      }
      if (isTransient(cause)) {
        if (job.firstFailureAt < 0) {
          job.firstFailureAt = now;
        }
        if (now - job.firstFailureAt < TRANSIENT_RETRY_NANOS) {
          long wait = Math.min(MAX_BACKOFF_NANOS, TimeUnit.SECONDS.toNanos(1L << Math.min(job.attempts - 1, 5)));
          LOG.warn("could not reach Telegram for {} ({}): trying again in {} s", job.what,
              options.redact(cause.getClass().getSimpleName()), TimeUnit.NANOSECONDS.toSeconds(wait));
          schedule.retry(job.lane, job, now, wait);
          return;
        }
      }
      failed.incrementAndGet();
      LOG.warn("Telegram refused {}: {}", job.what, options.redact(String.valueOf(cause.getMessage())));
      schedule.done(job.lane, now);
    } finally {
      changed.signalAll();
      lock.unlock();
    }
  }

  /** Worth trying again: the network, an answer that is not the Bot API's JSON (a proxy's page), or a 5xx. */
  private static boolean isTransient(Throwable cause) {
    if (cause instanceof TelegramApiRequestException api && api.getErrorCode() != null && api.getErrorCode() >= 500) {
      return true;
    }
    return isNetwork(cause);
  }

  private static boolean isNetwork(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  int pending() {
    lock.lock();
    try {
      return schedule.pending();
    } finally {
      lock.unlock();
    }
  }

  long sent() {
    return sent.get();
  }

  long waited429() {
    return waited429.get();
  }

  long failed() {
    return failed.get();
  }

  long refused() {
    return refused.get();
  }

  /** How many times a request waited for the limits shared with other processes. */
  long sharedWaits() {
    return sharedWaits.get();
  }

  boolean sharesLimits() {
    return shared.isPresent();
  }

  /** Waits up to {@code drain} for queued requests to go, then stops. */
  void close(Duration drain) {
    long deadline = System.nanoTime() + drain.toNanos();
    lock.lock();
    try {
      while (schedule.pending() > 0 && System.nanoTime() < deadline && dispatcher.isAlive()) {
        changed.awaitNanos(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
      }
      if (schedule.pending() > 0) {
        LOG.warn("{} outgoing Telegram requests were still waiting at shutdown", schedule.pending());
      }
      running = false;
      changed.signalAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
    dispatcher.interrupt();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}

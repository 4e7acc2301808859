package org.influencebot.core.members;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the adapters report what they see of members (joins, leaves, activity), from their event threads: each
 * report is written to the {@link MemberLog} on the watch's own thread, in order, so no event thread ever waits
 * for the store. Activity is written at most once a day per member (the audit needs the day, not each message).
 */
public final class MemberWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemberWatch.class);
  /** Reports that may wait for the store; beyond, activity reports are dropped first (joins are kept). */
  static final int QUEUE = 200_000;
  /** Members whose last written day is remembered, to skip writing the same day again. */
  static final int REMEMBERED = 200_000;

  private final MemberLog log;
  private final ThreadPoolExecutor writer;
  private final Cache<String, Long> writtenDay = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
  private final AtomicLong dropped = new AtomicLong();

  public MemberWatch(MemberLog log) {
    this.log = log;
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "member-watch");
      t.setDaemon(true);
      return t;
    });
  }

  public MemberLog log() {
    return log;
  }

  /** The bot watches the community from {@code at} (it was added, or started while a member). */
  public void watching(String platform, String community, Instant at) {
    submit(() -> log.watching(platform, community, at), true);
  }

  public void joined(String platform, String community, Member member) {
    submit(() -> log.joined(platform, community, member), true);
  }

  public void left(String platform, String community, String memberId, Instant at) {
    writtenDay.invalidate(platform + ":" + community + ":" + memberId);
    submit(() -> log.left(platform, community, memberId, at), true);
  }

  /** A member was active (a message, a reaction): counted, never read. */
  public void active(String platform, String community, String memberId, Instant at) {
    String key = platform + ":" + community + ":" + memberId;
    long day = Math.floorDiv(at.getEpochSecond(), 86_400);
    Long before = writtenDay.getIfPresent(key);
    if (before != null && before >= day) {
      return;
    }
    writtenDay.put(key, day);
    submit(() -> log.active(platform, community, memberId, at), false);
  }

  /** Reports dropped because the store fell too far behind. */
  public long dropped() {
    return dropped.get();
  }

  private void submit(Runnable write, boolean mustKeep) {
    Runnable guarded = () -> {
      try {
        write.run();
      } catch (RuntimeException e) {
        LOG.warn("A member event could not be written to the store: {}", e.getMessage());
      }
    };
    if (!mustKeep && writer.getQueue().remainingCapacity() < QUEUE / 10) {
      dropped.incrementAndGet();
      return;
    }
    try {
      writer.execute(guarded);
    } catch (RejectedExecutionException e) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("The store falls behind member events: {} dropped so far", dropped.get());
      }
    }
  }

  /** Waits until every report so far is written (tests, and before closing). */
  public void flush() {
    try {
      writer.submit(() -> { }).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
        | RejectedExecutionException e) {
      LOG.warn("Member events not all written: {}", e.toString());
    }
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

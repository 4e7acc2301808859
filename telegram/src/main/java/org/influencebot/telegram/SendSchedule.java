package org.influencebot.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides which outgoing request may go now under Telegram's limits, from times given to it (so that
 * tests drive it with a fake clock). Chats take turns; within a chat, requests keep their order and only
 * one is in flight at a time.
 *
 * <p>Limits hold for the times requests reach Telegram, which lie somewhere between sending and the
 * answer: a request counts against the overall and group budgets while in flight and for the window
 * after its answer, and a chat's next message waits the interval from the previous answer. Not
 * thread-safe: {@link PacedSender} guards it.
 */
final class SendSchedule<J> {
  /** Where a request goes, which decides its limits. */
  enum Kind {
    /** A private chat: one message per interval. */
    PRIVATE,
    /** A group: one message per interval and a budget per minute. */
    GROUP,
    /** Answers to inline and callback queries: only the overall budget applies. */
    ANSWER
  }

  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;

  private final long perChatNanos;
  private final int perGroupPerMinute;
  private final int perSecond;
  private final Deque<Long> answeredLastSecond = new ArrayDeque<>();
  private int inFlight;
  /** Until when no lane may send: a budget shared with other processes ({@link SharedPacing}) said so. */
  private long heldUntil = Long.MIN_VALUE;
  private final Map<String, Lane<J>> lanes = new LinkedHashMap<>();
  private int pending;

  private static final class Lane<J> {
    final Kind kind;
    final Deque<J> jobs = new ArrayDeque<>();
    final Deque<Long> sentLastMinute = new ArrayDeque<>();
    long notBefore = Long.MIN_VALUE;
    boolean inFlight;

    Lane(Kind kind) {
      this.kind = kind;
    }
  }

  SendSchedule(TelegramOptions.Pacing pacing) {
    this.perChatNanos = pacing.perChat().toNanos();
    this.perGroupPerMinute = pacing.perGroupPerMinute();
    this.perSecond = pacing.perSecond();
  }

  /** Jobs waiting or in flight. */
  int pending() {
    return pending;
  }

  void add(String lane, Kind kind, J job) {
    lanes.computeIfAbsent(lane, k -> new Lane<>(kind)).jobs.addLast(job);
    pending++;
  }

  /** The next job that may be sent at {@code now}, marked in flight; null if none may go yet. */
  J next(long now) {
    if (now < heldUntil) {
      return null;
    }
    trim(answeredLastSecond, now - SECOND);
    if (inFlight + answeredLastSecond.size() >= perSecond) {
      return null;
    }
    Iterator<Map.Entry<String, Lane<J>>> it = lanes.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Lane<J>> entry = it.next();
      Lane<J> lane = entry.getValue();
      if (!ready(lane, now)) {
        continue;
      }
      J job = lane.jobs.pollFirst();
      lane.inFlight = true;
      inFlight++;
      // Take turns: this chat goes to the back.
      it.remove();
      lanes.put(entry.getKey(), lane);
      return job;
    }
    return null;
  }

  private boolean ready(Lane<J> lane, long now) {
    if (lane.inFlight || lane.jobs.isEmpty() || now < lane.notBefore) {
      return false;
    }
    if (lane.kind == Kind.GROUP) {
      trim(lane.sentLastMinute, now - MINUTE);
      return lane.sentLastMinute.size() + 1 <= perGroupPerMinute;
    }
    return true;
  }

  /** Nanoseconds from {@code now} until a job may be ready, or {@code Long.MAX_VALUE} if none is waiting. */
  long waitFrom(long now) {
    long earliest = Long.MAX_VALUE;
    for (Lane<J> lane : lanes.values()) {
      if (lane.inFlight || lane.jobs.isEmpty()) {
        continue;
      }
      long at = Math.max(lane.notBefore, now);
      if (lane.kind == Kind.GROUP) {
        trim(lane.sentLastMinute, now - MINUTE);
        if (lane.sentLastMinute.size() >= perGroupPerMinute) {
          at = Math.max(at, lane.sentLastMinute.peekFirst() + MINUTE);
        }
      }
      earliest = Math.min(earliest, at);
    }
    if (earliest == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    earliest = Math.max(earliest, heldUntil);
    trim(answeredLastSecond, now - SECOND);
    if (inFlight + answeredLastSecond.size() >= perSecond) {
      // Wait for the oldest answer to leave the window, or for an answer (which signals the sender).
      earliest = answeredLastSecond.isEmpty() ? Long.MAX_VALUE
          : Math.max(earliest, answeredLastSecond.peekFirst() + SECOND);
      if (earliest == Long.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
    }
    return Math.max(0, earliest - now);
  }

  /** The job went through, or failed for good: the lane may send its next one. */
  void done(String lane, long now) {
    Lane<J> l = lanes.get(lane);
    if (l == null) {
      return;
    }
    answered(l, now);
    pending--;
    forgetIfIdle(lane, l, now);
  }

  /** Telegram said 429: the job goes back to the head of its lane, which waits {@code retryNanos}. */
  void retry(String lane, J job, long now, long retryNanos) {
    Lane<J> l = lanes.get(lane);
    answered(l, now);
    l.jobs.addFirst(job);
    l.notBefore = Math.max(l.notBefore, now + retryNanos);
  }

  /**
   * The job, taken by {@link #next}, may not go yet after all (a budget shared with other processes
   * refused it): it goes back to the head of its lane without counting as sent, and its lane (or, with
   * {@code everyLane}, every lane) waits {@code waitNanos}.
   */
  void putBack(String lane, J job, long now, long waitNanos, boolean everyLane) {
    Lane<J> l = lanes.get(lane);
    l.inFlight = false;
    inFlight--;
    l.jobs.addFirst(job);
    if (everyLane) {
      heldUntil = Math.max(heldUntil, now + waitNanos);
    } else {
      l.notBefore = Math.max(l.notBefore, now + waitNanos);
    }
  }

  /** The request reached Telegram by {@code now}: it counts from here on. */
  private void answered(Lane<J> lane, long now) {
    if (!lane.inFlight) {
      return;
    }
    lane.inFlight = false;
    inFlight--;
    answeredLastSecond.addLast(now);
    lane.sentLastMinute.addLast(now);
    if (lane.kind != Kind.ANSWER) {
      lane.notBefore = now + perChatNanos;
    }
  }

  private void forgetIfIdle(String key, Lane<J> lane, long now) {
    trim(lane.sentLastMinute, now - MINUTE);
    boolean limitsMatter = lane.kind == Kind.GROUP ? !lane.sentLastMinute.isEmpty() : now < lane.notBefore;
    if (lane.jobs.isEmpty() && !lane.inFlight && (!limitsMatter || lane.kind == Kind.ANSWER)) {
      lanes.remove(key);
    }
  }

  /** Lanes kept only for their limits are dropped once those no longer matter. */
  void sweep(long now) {
    lanes.entrySet().removeIf(e -> {
      Lane<J> lane = e.getValue();
      trim(lane.sentLastMinute, now - MINUTE);
      return lane.jobs.isEmpty() && !lane.inFlight && lane.sentLastMinute.isEmpty() && now >= lane.notBefore;
    });
  }

  int lanes() {
    return lanes.size();
  }

  private static void trim(Deque<Long> times, long before) {
    while (!times.isEmpty() && times.peekFirst() <= before) {
      times.pollFirst();
    }
  }
}

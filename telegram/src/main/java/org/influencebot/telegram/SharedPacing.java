package org.influencebot.telegram;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import org.influencebot.core.limit.Buckets;

/**
 * Telegram's sending limits kept for the bot as a whole when several processes send for the same token:
 * before a request goes, one token is taken from its chat's bucket and one from the bot's, in buckets
 * every process shares (the core's {@link Buckets}, in Redis with {@code redis.url}). When a bucket
 * refuses, the request waits what Bucket4j says. Each process's {@link SendSchedule} still orders and
 * paces its own requests; this only adds the other processes' sends.
 *
 * <p>Each limit of N requests per window W becomes a bucket that can never give more than N in any
 * window: a capacity of C and a refill of N - C + 1 per window, continuous. A chat's one a second has
 * C = 1; the bot's 30 a second C = 2 (29 per window, evenly spaced, with room for a late send); a group's
 * 20 a minute C = 10 (ten at the chat's pace, then the rest evenly). The buckets count a request from when it is sent, the local schedule from
 * its answer; a request reaches Telegram somewhere between, so every window is lengthened by
 * {@link #TRANSIT} to cover the way there.
 */
final class SharedPacing {
  /** Added to every window: how much longer one request may take than another to reach Telegram once sent. */
  static final Duration TRANSIT = Duration.ofMillis(100);

  /** Go now (the tokens are taken), or wait {@code nanos}: this chat only, or (wholeBot) every chat. */
  record Decision(long waitNanos, boolean wholeBot) {
    static final Decision GO = new Decision(0, false);

    boolean go() {
      return waitNanos == 0;
    }
  }

  private final Buckets buckets;
  private final String prefix;
  private final BucketConfiguration bot;
  private final Optional<BucketConfiguration> privateChat;
  private final BucketConfiguration group;

  /**
   * @param botId the bot's public id (the token's digits before the colon), naming its buckets; never the token
   */
  SharedPacing(Buckets buckets, String botId, TelegramOptions.Pacing pacing) {
    this.buckets = buckets;
    this.prefix = "telegram:" + botId + ":";
    Duration second = Duration.ofSeconds(1).plus(TRANSIT);
    // Two at once: a request sent a little after its token came due loses nothing (with one, each such
    // delay, a Redis round trip or a thread's wake-up, would be lost from the bot's 30 a second).
    this.bot = BucketConfiguration.builder()
        .addLimit(atMost(pacing.perSecond(), second, Math.min(2, pacing.perSecond()))).build();
    Optional<Bandwidth> chat = pacing.perChat().isZero() ? Optional.empty()
        : Optional.of(atMost(1, pacing.perChat().plus(TRANSIT), 1));
    this.privateChat = chat.map(b -> BucketConfiguration.builder().addLimit(b).build());
    var groupLimits = BucketConfiguration.builder().addLimit(atMost(pacing.perGroupPerMinute(),
        Duration.ofMinutes(1).plus(TRANSIT), Math.max(1, pacing.perGroupPerMinute() / 2)));
    chat.ifPresent(groupLimits::addLimit);
    this.group = groupLimits.build();
  }

  /** A bucket that gives at most {@code n} in any {@code window}, {@code burst} of them at once. */
  private static Bandwidth atMost(int n, Duration window, int burst) {
    long refills = n - burst + 1L;
    return Bandwidth.builder().capacity(burst).refillGreedy(1, window.dividedBy(refills)).build();
  }

  /** Takes the tokens for one request to {@code lane}, or says how long to wait (taking none). */
  Decision take(String lane, SendSchedule.Kind kind) {
    Optional<BucketConfiguration> chat = switch (kind) {
      case PRIVATE -> privateChat;
      case GROUP -> Optional.of(group);
      case ANSWER -> Optional.empty();
    };
    if (chat.isPresent()) {
      ConsumptionProbe probe = buckets.tryConsume(prefix + lane, chat.get(), 1);
      if (!probe.isConsumed()) {
        return new Decision(Math.max(1, probe.getNanosToWaitForRefill()), false);
      }
    }
    ConsumptionProbe probe = buckets.tryConsume(prefix + "all", bot, 1);
    if (probe.isConsumed()) {
      return Decision.GO;
    }
    chat.ifPresent(config -> buckets.addTokens(prefix + lane, config, 1));
    return new Decision(Math.max(1, probe.getNanosToWaitForRefill()), true);
  }
}

package org.influencebot.core.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap while a load runs: the JVM's own peak per heap pool ({@link MemoryPoolMXBean#getPeakUsage},
 * reset at the start; their sum is an upper bound, since pools peak at different moments) and the
 * largest used heap seen by sampling {@code MemoryMXBean} every 10 ms.
 */
public final class HeapWatch implements AutoCloseable {
  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
  private final AtomicLong maxSampled = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;
  final long usedAtStart;

  public HeapWatch() {
    System.gc();
    usedAtStart = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    sampler = new Thread(() -> {
      while (running) {
        maxSampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  public long sumOfPoolPeaks() {
    return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  public long maxSampledUsed() {
    return maxSampled.get();
  }

  public String report() {
    return String.format("heap: used at start %.1f MB (after GC), largest used seen %.1f MB, sum of pool peaks %.1f MB,"
        + " max heap %.0f MB", usedAtStart / 1e6, maxSampledUsed() / 1e6, sumOfPoolPeaks() / 1e6,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1e6);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}

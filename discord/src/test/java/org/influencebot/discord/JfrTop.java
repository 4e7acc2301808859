package org.influencebot.discord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A summary of a flight recording, for the load harnesses ({@link SeparateProcessBurstTest}'s {@code -Dload.jfr}):
 * Java samples by kind of thread, the methods on top of the stack (self), the methods anywhere on it (total),
 * the bot's and its libraries' frames nearest the top, the JIT's compilations (by tier, by package, C2's by
 * method), and the sampled allocations by class and by the first
 * frame outside the JDK. Run as a source file:
 * {@code java discord/src/test/java/org/influencebot/discord/JfrTop.java [--lines N] [--thread part] [--fake] DIR|FILE...}:
 * a directory is one of {@link SeparateProcessBurstTest}'s {@code -Dload.jfr}, read within its measured burst's
 * window ({@code bot.jfr}, or with {@code --fake} {@code fake.jfr}); several are summed.
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] args) throws IOException {
    int lines = 20;
    String threadPart = "";
    String process = List.of(args).contains("--fake") ? "fake" : "bot";
    List<Path> recordings = new ArrayList<>();
    List<long[]> windows = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--lines" -> lines = Integer.parseInt(args[++i]);
        case "--thread" -> threadPart = args[++i];
        case "--fake" -> { }
        default -> {
          Path p = Path.of(args[i]);
          if (Files.isDirectory(p)) {
            // A directory of SeparateProcessBurstTest's -Dload.jfr: the measured burst's window only.
            String[] window = Files.readString(p.resolve("window")).trim().split(" ");
            recordings.add(p.resolve(process + ".jfr"));
            windows.add(new long[] {Long.parseLong(window[0]), Long.parseLong(window[1])});
          } else {
            recordings.add(p);
            windows.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
          }
        }
      }
    }
    Map<String, Long> threads = new HashMap<>();
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> nearestOwn = new HashMap<>();
    Map<String, Long> allocByClass = new HashMap<>();
    Map<String, Long> allocByFrame = new HashMap<>();
    Map<String, Long> compileByTier = new HashMap<>();
    Map<String, Long> compileByPackage = new HashMap<>();
    Map<String, Long> compileByMethod = new HashMap<>();
    long compiled = 0;
    long compilations = 0;
    long samples = 0;
    long allocated = 0;
    List<RecordedEvent> events = new ArrayList<>();
    for (int r = 0; r < recordings.size(); r++) {
      long from = windows.get(r)[0];
      long to = windows.get(r)[1];
      for (RecordedEvent e : RecordingFile.readAllEvents(recordings.get(r))) {
        long at = e.getStartTime().toEpochMilli();
        if (at >= from && at <= to) {
          events.add(e);
        }
      }
    }
    for (RecordedEvent e : events) {
      String type = e.getEventType().getName();
      String thread = threadOf(e);
      if (!thread.contains(threadPart)) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (type.equals("jdk.ExecutionSample") && stack != null) {
        samples++;
        threads.merge(thread, 1L, Long::sum);
        List<RecordedFrame> frames = stack.getFrames();
        if (!frames.isEmpty()) {
          self.merge(name(frames.get(0)), 1L, Long::sum);
        }
        Set<String> seen = new HashSet<>();
        boolean own = false;
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (seen.add(n)) {
            total.merge(n, 1L, Long::sum);
          }
          if (!own && isLibraryOrBot(n)) {
            nearestOwn.merge(n, 1L, Long::sum);
            own = true;
          }
        }
      } else if (type.equals("jdk.Compilation")) {
        long micros = e.getDuration().toNanos() / 1000;
        compiled += micros;
        compilations++;
        var method = e.getValue("method") instanceof jdk.jfr.consumer.RecordedMethod m ? m : null;
        String name = method == null ? "?" : method.getType().getName() + "." + method.getName();
        int tier = e.getInt("compileLevel");
        compileByTier.merge("tier " + tier, micros, Long::sum);
        compileByPackage.merge(packageOf(name), micros, Long::sum);
        if (tier == 4) {
          compileByMethod.merge(name, micros, Long::sum);
        }
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        long weight = e.getLong("weight");
        allocated += weight;
        allocByClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
        if (stack != null) {
          String where = stack.getFrames().stream().map(JfrTop::name).filter(JfrTop::isLibraryOrBot).findFirst()
              .orElse("(JDK only)");
          allocByFrame.merge(where, weight, Long::sum);
        }
      }
    }
    System.out.printf("%d Java samples%n", samples);
    print("samples by thread", threads, samples, lines, "");
    print("on top of the stack (self)", self, samples, lines, "");
    print("anywhere on the stack (total)", total, samples, lines, "");
    print("the bot's or a library's frame nearest the top", nearestOwn, samples, lines, "");
    System.out.printf("%d JIT compilations, %.1f ms in all%n", compilations, compiled / 1e3);
    print("compilation time by tier (µs)", compileByTier, compiled, lines, " µs");
    print("compilation time by package of the method compiled (µs)", compileByPackage, compiled, lines, " µs");
    print("tier 4 (C2) compilation time by method (µs)", compileByMethod, compiled, lines, " µs");
    System.out.printf("%.1f MB allocated (sampled weight)%n", allocated / 1e6);
    print("allocations by class", allocByClass, allocated, lines, " bytes");
    print("allocations by the first frame outside the JDK", allocByFrame, allocated, lines, " bytes");
  }

  private static String threadOf(RecordedEvent e) {
    jdk.jfr.consumer.RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
    if (t == null) {
      return "?";
    }
    String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
    return name == null ? "?" : name.replaceAll("\\d+", "N");
  }

  /** The first three parts of a class's package ({@code net.dv8tion.jda}, {@code org.influencebot.core}). */
  private static String packageOf(String method) {
    String[] parts = method.split("\\.");
    return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 2))));
  }

  private static boolean isLibraryOrBot(String frame) {
    return !(frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.")
        || frame.startsWith("kotlin."));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Long> counts, long all, int lines, String unit) {
    System.out.println("-- " + title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(lines)
        .forEach(c -> System.out.printf("  %5.1f%%  %d%s  %s%n", 100.0 * c.getValue() / Math.max(1, all),
            c.getValue(), unit, c.getKey()));
  }
}

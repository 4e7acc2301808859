package org.influencebot.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The fake Discord as a process of its own, for {@link SeparateProcessBurstTest}: the bot (in the test's JVM)
 * talks to it over loopback as to Discord, HTTP/1.1 with keep-alive for REST (the fake's {@code MockWebServer})
 * and a WebSocket for the gateway, the two processes sharing the machine's cores.
 *
 * <p>Started as {@code java -cp <test classpath> org.influencebot.discord.FakeDiscordProcess <roundTripMs>}; it
 * prints {@code @@ rest <url>} and {@code @@ gateway <url>}, then reads one command a line on its standard input
 * and answers each with lines starting {@code @@} (anything else on its standard output is its logging):
 * <ul>
 *   <li>{@code burst <held> <cached,...>}: sends 200 INTERACTION_CREATE frames back to back (the mix of
 *       {@link DiscordLoadTest}: 120 {@code /influence} of the cached handles, 40 of {@code held}, 40
 *       {@code /help}), waits up to 20 s for every callback, and prints {@code @@ acks} followed by one
 *       {@code type:nanos} per interaction (the callback's type, the time from the frame sent to the callback
 *       received, as the fake sees it; {@code -1:-1} if none came), then {@code @@ cpu <ms>}, the fake's own
 *       process CPU during the burst, and {@code @@ connections <opened> <most in flight>}, the REST connections
 *       the bot opened during the burst and the most REST calls in flight at once;</li>
 *   <li>{@code edits}: waits up to 20 s for the edit of every interaction of the last burst that was deferred
 *       and prints {@code @@ edited <count>};</li>
 *   <li>{@code calls-per-interaction}: prints {@code @@ callbacks <most callbacks seen for one interaction>};</li>
 *   <li>{@code jfr-start <file> <sampling period in ms>}, {@code jfr-stop}: a flight recording of the fake (the
 *       "profile" settings, Java samples at the period given) written to the file;</li>
 *   <li>{@code quit} (or the end of its input): stops.</li>
 * </ul>
 */
final class FakeDiscordProcess {
  static final String PREFIX = "@@ ";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private FakeDiscordProcess() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (FakeDiscord discord = new FakeDiscord()) {
      discord.roundTrip = Duration.ofMillis(Long.parseLong(args[0]));
      Interactions interactions = new Interactions(discord);
      out.println(PREFIX + "rest " + discord.restUrl());
      out.println(PREFIX + "gateway " + discord.gatewayUrl());
      List<ObjectNode> deferred = new ArrayList<>();
      int from = 0;
      jdk.jfr.Recording recording = null;
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        String[] words = line.trim().split(" ");
        switch (words[0]) {
          case "burst" -> {
            from = discord.callCount();
            deferred.clear();
            List<ObjectNode> batch = batch(interactions, words[1], words[2].split(","));
            long cpuBefore = processCpu();
            int connectionsBefore = discord.connectionsOpened();
            discord.takeMostInFlight();
            for (ObjectNode i : batch) {
              discord.sendInteraction(i);
            }
            StringJoiner acks = new StringJoiner(" ", PREFIX + "acks ", "");
            for (ObjectNode i : batch) {
              String id = i.get("id").asText();
              FakeDiscord.Call callback;
              try {
                callback = discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), WAIT);
              } catch (AssertionError none) {
                acks.add("-1:-1");
                continue;
              }
              int type = callback.json().path("type").asInt(-1);
              if (type == 5) {
                deferred.add(i);
              }
              acks.add(type + ":" + (callback.atNanos() - discord.sentAtNanos(id)));
            }
            out.println(acks);
            out.printf("%scpu %.1f%n", PREFIX, (processCpu() - cpuBefore) / 1e6);
            out.printf("%sconnections %d %d%n", PREFIX, discord.connectionsOpened() - connectionsBefore,
                discord.takeMostInFlight());
          }
          case "edits" -> {
            int edited = 0;
            for (ObjectNode i : deferred) {
              String token = i.get("token").asText();
              try {
                discord.await(from, c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/" + token
                    + "/messages/@original"), WAIT);
                edited++;
              } catch (AssertionError none) {
                // counted as missing
              }
            }
            out.println(PREFIX + "edited " + edited);
          }
          case "calls-per-interaction" -> {
            Map<String, Integer> perInteraction = new java.util.HashMap<>();
            for (FakeDiscord.Call c : discord.calls()) {
              if (c.method().equals("POST") && c.path().contains("/interactions/")) {
                perInteraction.merge(c.path(), 1, Integer::sum);
              }
            }
            out.println(PREFIX + "callbacks " + perInteraction.values().stream().mapToInt(n -> n).max().orElse(0));
          }
          case "jfr-start" -> {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(Long.parseLong(words[2])));
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.setDestination(Path.of(words[1]));
            recording.start();
            out.println(PREFIX + "jfr started");
          }
          case "jfr-stop" -> {
            recording.stop();
            recording.close();
            out.println(PREFIX + "jfr written");
          }
          default -> out.println(PREFIX + "unknown " + line);
        }
      }
    }
    // MockWebServer's threads are not all daemons.
    System.exit(0);
  }

  /** The 200 interactions of one burst, as {@link DiscordLoadTest} sends them. */
  static List<ObjectNode> batch(Interactions interactions, String held, String[] cached) {
    List<ObjectNode> batch = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int kind = i % 5;
      batch.add(kind == 3 ? interactions.slash("influence", i % 2 == 0, "en-US", "handle", held)
          : kind == 4 ? interactions.slash("help", i % 2 == 0, i % 3 == 0 ? "fr" : "en-US")
          : interactions.slash("influence", i % 2 == 0, "en-US", "handle", cached[i % cached.length]));
    }
    return batch;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The command line that starts this class in a new JVM on the running JVM's classpath. */
  static List<String> command(long roundTripMs, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FakeDiscordProcess.class.getName());
    command.add(Long.toString(roundTripMs));
    return command;
  }
}

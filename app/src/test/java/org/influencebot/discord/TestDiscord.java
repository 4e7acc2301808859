package org.influencebot.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;

/** The discord module's fake Discord, for the launcher's tests (its classes are package-private there). */
public final class TestDiscord implements AutoCloseable {
  public static final String TOKEN = FakeDiscord.TOKEN;
  private final FakeDiscord discord;
  private final Interactions interactions;
  private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  public TestDiscord() throws IOException {
    discord = new FakeDiscord();
    interactions = new Interactions(discord);
  }

  public String restUrl() {
    return discord.restUrl();
  }

  public String gatewayUrl() {
    return discord.gatewayUrl();
  }

  /** {@code /help} asked in the server by {@code userId}, on {@code shard}; returns the interaction id. */
  public String sendHelp(int shard, String userId) throws InterruptedException {
    ObjectNode interaction = Interactions.askedBy(interactions.slash("help", true, "en-US"), userId, "user" + userId);
    discord.sendInteraction(interaction, shard);
    return interaction.get("id").asText();
  }

  /** The emulated round trip to Discord for every REST call (zero by default). */
  public void roundTrip(Duration roundTrip) {
    discord.roundTrip = roundTrip;
  }

  /** {@code /influence handle} asked in the server by {@code userId}, on {@code shard}; returns the interaction id. */
  public String sendInfluence(int shard, String userId, String handle) throws InterruptedException {
    ObjectNode interaction = Interactions.askedBy(interactions.slash("influence", true, "en-US", "handle", handle),
        userId, "user" + userId);
    tokens.put(interaction.get("id").asText(), interaction.get("token").asText());
    discord.sendInteraction(interaction, shard);
    return interaction.get("id").asText();
  }

  /** When the fake sent the interaction over the gateway ({@link System#nanoTime()}). */
  public long sentAtNanos(String interactionId) {
    return discord.sentAtNanos(interactionId);
  }

  /**
   * Waits for the interaction's answer and says when the fake received it: the acknowledgement with the
   * reply, or for a deferred one the edit that brings it.
   */
  public long awaitAnsweredAtNanos(String interactionId) throws InterruptedException {
    FakeDiscord.Call callback = discord.await(0, c -> isCallback(c, interactionId), Duration.ofSeconds(60));
    if (callback.json().get("type").asInt() != 5) {
      return callback.atNanos();
    }
    return discord.await(0, c -> isEdit(c, interactionId), Duration.ofSeconds(60)).atNanos();
  }

  /** When the fake received the interaction's acknowledgement (the reply, or "thinking…" when deferred). */
  public long acknowledgedAtNanos(String interactionId) {
    return discord.calls().stream().filter(c -> isCallback(c, interactionId)).findFirst().orElseThrow().atNanos();
  }

  /** How many edits of the original reply the interaction got (one when deferred and answered once). */
  public long edits(String interactionId) {
    return discord.calls().stream().filter(c -> isEdit(c, interactionId)).count();
  }

  private boolean isEdit(FakeDiscord.Call c, String interactionId) {
    return c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/" + tokens.get(interactionId) + "/messages/@original");
  }

  /** Waits until the interaction has been acknowledged. */
  public void awaitAnswer(String interactionId) throws InterruptedException {
    discord.await(0, c -> isCallback(c, interactionId), Duration.ofSeconds(20));
  }

  /** How many acknowledgements the interaction got (exactly one when answered once). */
  public long answers(String interactionId) {
    return discord.calls().stream().filter(c -> isCallback(c, interactionId)).count();
  }

  /** How many times the global commands were registered. */
  public long commandRegistrations() {
    return discord.calls().stream().filter(c -> c.is("PUT", "/commands")).count();
  }

  private static boolean isCallback(FakeDiscord.Call c, String interactionId) {
    return c.is("POST", "/callback") && c.path().contains("/interactions/" + interactionId + "/");
  }

  @Override
  public void close() throws IOException {
    discord.close();
  }
}

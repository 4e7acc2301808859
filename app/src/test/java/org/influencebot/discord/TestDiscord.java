package org.influencebot.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;

/** The discord module's fake Discord, for the launcher's tests (its classes are package-private there). */
public final class TestDiscord implements AutoCloseable {
  public static final String TOKEN = FakeDiscord.TOKEN;
  private final FakeDiscord discord;
  private final Interactions interactions;

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

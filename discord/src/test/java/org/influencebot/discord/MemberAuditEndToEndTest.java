package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.influencebot.discord.DiscordBotEndToEndTest.assertPingsNobody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberAudits;
import org.influencebot.core.members.MemberWatch;
import org.influencebot.core.members.MemoryMemberLog;
import org.influencebot.core.members.SyntheticCommunity;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.testing.HeapWatch;
import org.influencebot.store.Scope;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /influence-members} end to end: the real JDA client against the fake Discord, whose server has 100,000
 * members built with {@link SyntheticCommunity} (organic joins every day, a bought wave and an organic burst),
 * each with a name the public reply must never show. The members arrive in chunks of 1,000 answering the bot's
 * op 8; joins, leaves and messages after the start go to the member log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberAuditEndToEndTest {
  static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  static final int MEMBERS = 100_000;
  /** The bought wave: 4,000 accounts within 40 minutes, 12 days ago; the organic burst: 3,000 people in 3 hours. */
  static final SyntheticCommunity.Burst BOUGHT = SyntheticCommunity.Burst.bought(12.3, 4000, 40);
  static final SyntheticCommunity.Burst ORGANIC = SyntheticCommunity.Burst.organic(20.6, 3000, 180);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MODERATOR_ID = "1820000000000000002";
  private static final String MEMBER_ID = "1810000000000000001";
  private static final Scope SERVER = Scope.discordServer(FakeDiscord.GUILD_ID);
  private static final long GUILD_MEMBERS = 1L << 1;
  private static final long GUILD_PRESENCES = 1L << 8;
  private static final long GUILD_MESSAGES = 1L << 9;
  private static final long MESSAGE_CONTENT = 1L << 15;

  @TempDir
  static Path dataDir;
  private FakeDiscord discord;
  private Interactions interactions;
  private ExecutorService executor;
  private Store store;
  private MemoryMemberLog log;
  private MemberWatch watch;
  private DiscordBot bot;
  /** The fake's members in the order built, and which of them were bought. */
  private List<FakeDiscord.GuildMember> members;
  private boolean[] bought;

  @BeforeAll
  void start() throws Exception {
    discord = new FakeDiscord();
    interactions = new Interactions(discord);
    log = new MemoryMemberLog();
    community();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    executor = Executors.newFixedThreadPool(2);
    InfluenceService service = new InfluenceService(new TestSource(),
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
        InfluenceService.Options.defaults());
    RequestLimits limits = new RequestLimits(
        new RequestLimits.Options(1000, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), Duration.ofSeconds(1)),
        Ticker.systemTicker());
    store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock));
    store.settings().change(SERVER, "test", "cooldown", "0");
    watch = new MemberWatch(log);
    CommandRunner runner = new CommandRunner(service, limits, new StoreCommunity(store), () -> "report");
    runner.auditMembersWith(MemberAudits.of(log, clock));
    // The joins chart is the real one, drawn for each audit.
    DiscordEmbeds embeds = new DiscordEmbeds(clock, s -> Optional.empty());
    bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(), discord.gatewayUrl())
        .withMemberAudit(true), runner, embeds, watch);
    bot.start();
    bot.awaitReady();
    discord.await(0, c -> c.is("PUT", "/commands"), WAIT);
  }

  /**
   * 100,000 members: a year of organic joins, the bought wave and the organic burst. The members seen active
   * (the synthetic truth) are in the member log as if the bot had counted their messages; the fake's ids carry
   * each account's creation time, as Discord's do.
   */
  private void community() {
    SyntheticCommunity.Built built = SyntheticCommunity.build(23, NOW, 265, 365, List.of(BOUGHT, ORGANIC));
    // The oldest organic members beyond 100,000 are left out (the bursts come last in the list).
    int skip = built.members().size() - MEMBERS;
    assertThat(skip).isBetween(0, 10_000);
    members = new ArrayList<>(MEMBERS);
    bought = new boolean[MEMBERS];
    for (int i = skip; i < built.members().size(); i++) {
      Member m = built.members().get(i);
      int n = i - skip;
      String id = FakeDiscord.snowflake(m.createdAt().orElseThrow(), n);
      members.add(new FakeDiscord.GuildMember(id, "name-" + n, "Name " + n, m.joinedAt().orElseThrow(),
          m.hasAvatar().orElseThrow(), m.bot().orElseThrow(), false));
      bought[n] = built.bought()[i];
      if (m.lastActiveAt().isPresent()) {
        log.joined(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID, new Member(id, m.joinedAt(), m.createdAt(),
            m.hasAvatar(), m.bot(), m.lastActiveAt(), Optional.of(false)));
      }
    }
    discord.guildMembers(members);
  }

  @AfterAll
  void stop() throws Exception {
    if (bot != null) {
      bot.close();
    }
    watch.close();
    executor.shutdownNow();
    discord.close();
    store.close();
  }

  // --- helpers ---

  private ObjectNode members(boolean list, String askerId, String... roles) {
    ObjectNode i = interactions.slash(SlashCommands.MEMBERS, true, "en-US");
    if (list) {
      ((ArrayNode) i.at("/data/options")).addObject().put("name", "list").put("type", 5).put("value", true);
    }
    return Interactions.askedBy(i, askerId, askerId.equals(MODERATOR_ID) ? "moderator" : "member", roles);
  }

  private ObjectNode asModerator(boolean list) {
    return members(list, MODERATOR_ID, FakeDiscord.MODERATOR_ROLE_ID);
  }

  /** What the bot sent for one interaction: its acknowledgement, the edit of its reply, and any follow-up. */
  private record Sent(FakeDiscord.Call callback, FakeDiscord.Call edit, long millis, String phases) {}

  private Sent ask(ObjectNode interaction) throws InterruptedException {
    String id = interaction.get("id").asText();
    String token = interaction.get("token").asText();
    int from = discord.callCount();
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    discord.sendInteraction(interaction);
    FakeDiscord.Call callback = discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), WAIT);
    FakeDiscord.Call edit = discord.await(from, c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/" + token
        + "/messages/@original") || c.is("POST", "/webhooks/" + FakeDiscord.APP_ID + "/" + token), WAIT);
    long request = discord.memberRequestAtNanos();
    long chunks = discord.lastChunkAtNanos();
    String phases = request < start ? "no members read" : String.format("members asked for after %,d ms, "
        + "their last chunk sent after %,d ms, the reply edited %,d ms later; CPU time of the whole JVM, bot and fake: "
        + "%,d ms; machine load %.1f", (request - start) / 1_000_000, (chunks - start) / 1_000_000,
        (edit.atNanos() - chunks) / 1_000_000, (processCpuNanos() - cpu) / 1_000_000,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return new Sent(callback, edit, (System.nanoTime() - start) / 1_000_000, phases);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private FakeDiscord.Call followUp(ObjectNode interaction) throws InterruptedException {
    String token = interaction.get("token").asText();
    return discord.await(0, c -> c.is("POST", "/webhooks/" + FakeDiscord.APP_ID + "/" + token), WAIT);
  }

  private static String embedText(JsonNode message) {
    JsonNode e = message.at("/embeds/0");
    StringBuilder out = new StringBuilder(e.path("title").asText()).append('\n').append(e.path("description").asText());
    e.path("fields").forEach(f -> out.append('\n').append(f.path("name").asText()).append('\n')
        .append(f.path("value").asText()));
    return out.append('\n').append(e.at("/footer/text").asText()).toString();
  }

  /** Waits until {@code done} holds: the bot handles gateway events on its own threads. */
  private static void until(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
  }

  /** No member's name, nor any member's id, in what the channel sees. */
  private void assertNoMemberShown(FakeDiscord.Call publicEdit) {
    String body = publicEdit.body();
    assertThat(body).doesNotContain("name-").doesNotContain("Name ");
    // Every run of 17 to 20 digits in the reply (snowflakes), none a member's id.
    java.util.Set<String> ids = new java.util.HashSet<>();
    discord.guildMembers().forEach(m -> ids.add(m.id()));
    java.util.regex.Matcher digits = java.util.regex.Pattern.compile("\\d{17,20}").matcher(body);
    while (digits.find()) {
      assertThat(ids).as("a member id in the public reply").doesNotContain(digits.group());
    }
  }

  // --- tests ---

  @Test
  @Order(1)
  void theBotAsksForTheMembersIntentAndGuildMessagesButNeverTheirContent() {
    long intents = discord.identifyIntents();
    assertThat(intents & GUILD_MEMBERS).as("GUILD_MEMBERS").isEqualTo(GUILD_MEMBERS);
    assertThat(intents & GUILD_MESSAGES).as("GUILD_MESSAGES").isEqualTo(GUILD_MESSAGES);
    assertThat(intents & MESSAGE_CONTENT).as("MESSAGE_CONTENT").isZero();
    assertThat(intents & GUILD_PRESENCES).as("GUILD_PRESENCES").isZero();
    // The server's ready event reaches the member log through the bot's event threads and the watch's writer.
    until(() -> log.watchingSince(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID).isPresent(),
        "watching the server from its ready event");
    assertThat(log.watchingSince(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID)).contains(NOW);
  }

  @Test
  @Order(2)
  void aModeratorsAuditOf100000MembersAnswersInTheChannelWithTheFiguresTheWavesAndTheChart() throws Exception {
    int requestsBefore = discord.memberRequests().size();
    Sent sent;
    // The heap of the whole test JVM: the bot, and the fake Discord with its 100,000 members beside it.
    try (HeapWatch heap = new HeapWatch()) {
      sent = ask(asModerator(false));
      System.out.printf("/influence-members on %,d members, the first after the start: %,d ms from the interaction "
          + "to the reply's edit (%s); %s%n", MEMBERS, sent.millis(), sent.phases(), heap.report());
    }
    assertThat(sent.callback().json().path("type").asInt()).as("deferred first").isEqualTo(5);
    assertThat(sent.callback().json().path("data").path("flags").asInt(0) & 64).as("in the channel").isZero();
    assertThat(sent.edit().method()).isEqualTo("PATCH");
    JsonNode request = discord.memberRequests().get(requestsBefore);
    assertThat(request.path("guild_id").asText()).isEqualTo(FakeDiscord.GUILD_ID);
    assertThat(request.path("query").asText()).isEmpty();
    assertThat(request.path("limit").asInt()).isZero();
    assertThat(request.path("nonce").asText()).isNotEmpty();

    JsonNode message = sent.edit().json();
    assertPingsNobody(message);
    String text = embedText(message);
    System.out.println("The channel's embed:\n" + text);
    assertThat(message.at("/embeds/0/title").asText()).isEqualTo("Member audit: 100,000 members on Nov 1, 2026.");
    assertThat(text).contains("Joined in the last 7 days: ", "8 to 30 days ago: ", "earlier: ");
    assertThat(text).containsPattern("About \\d+% of the [\\d,]+ members who joined in the last 30 days look bought "
        + "\\(95% interval \\d+–\\d+%\\)");
    assertThat(text).contains("join waves").contains("2026-10-20").contains("Bought: ");
    assertThat(message.at("/embeds/0/image/url").asText()).isEqualTo("attachment://chart.png");
    assertThat(sent.edit().body()).contains("filename=\"chart.png\"").contains("PNG\r\n\u001a\n");
    assertNoMemberShown(sent.edit());
    assertThat(message.at("/embeds/0").toString().length()).isLessThan(6000);
  }

  @Test
  @Order(3)
  void inFrenchWhenTheServerSaysSoAndTheListGoesToTheModeratorAloneById() throws Exception {
    store.settings().change(SERVER, "test", "language", "fr");
    try {
      ObjectNode interaction = asModerator(true);
      Sent sent = ask(interaction);
      System.out.printf("/influence-members list:True on %,d members, the second: %,d ms to the reply's edit (%s)%n",
          MEMBERS, sent.millis(), sent.phases());
      JsonNode message = sent.edit().json();
      String text = embedText(message);
      assertThat(message.at("/embeds/0/title").asText()).startsWith("Audit des membres : 100").contains("membres");
      assertThat(text).contains("intervalle").contains("Audit précédent");
      assertThat(message.at("/embeds/0/footer/text").asText()).contains("vous est envoyée à vous seul");
      assertThat(sent.edit().body()).contains("filename=\"chart.png\"");
      assertNoMemberShown(sent.edit());

      FakeDiscord.Call list = followUp(interaction);
      assertThat(list.json().path("flags").asInt(0) & 64).as("ephemeral").isEqualTo(64);
      assertPingsNobody(list.json());
      assertThat(list.json().path("content").asText()).contains("fichier joint");
      assertThat(list.body()).contains("filename=\"members.txt\"").doesNotContain("name-");
      // The bought wave's members are listed, by id.
      java.util.Set<String> ids = new java.util.HashSet<>();
      list.body().lines().filter(l -> l.contains("\t")).forEach(l -> ids.add(l.substring(0, l.indexOf('\t'))));
      int listed = 0;
      int boughtListed = 0;
      for (int n = 0; n < members.size(); n++) {
        if (ids.contains(members.get(n).id())) {
          listed++;
          boughtListed += bought[n] ? 1 : 0;
        }
      }
      assertThat(boughtListed).as("bought members in the list").isEqualTo(BOUGHT.size());
      assertThat(listed).isGreaterThan(BOUGHT.size());
    } finally {
      store.settings().reset(SERVER, "test", "language");
    }
  }

  @Test
  @Order(4)
  void aMemberWithoutManageServerIsRefusedPrivatelyAndNothingIsRead() throws Exception {
    int requests = discord.memberRequests().size();
    ObjectNode interaction = members(true, MEMBER_ID);
    Sent sent = ask(interaction);
    assertThat(sent.callback().json().path("data").path("flags").asInt(0) & 64).as("deferred privately").isEqualTo(64);
    assertThat(sent.edit().json().path("content").asText()).startsWith("Only moderators can audit");
    assertThat(sent.edit().json().path("embeds")).isEmpty();
    assertThat(discord.memberRequests()).as("no member read").hasSize(requests);
  }

  @Test
  @Order(5)
  void joinsLeavesAndMessagesAfterTheStartAreRecordedAndTheNextAuditCountsTheNewcomer() throws Exception {
    Instant joined = NOW.minus(Duration.ofDays(1));
    FakeDiscord.GuildMember newcomer = new FakeDiscord.GuildMember(FakeDiscord.snowflake(NOW.minus(Duration.ofDays(400)),
        7), "newcomer-name", "Newcomer Name", joined, true, false, true);
    discord.memberJoins(newcomer);
    until(() -> log.members(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID).stream()
        .anyMatch(m -> m.id().equals(newcomer.id())), "the join in the member log");
    Member recorded = log.members(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID).stream()
        .filter(m -> m.id().equals(newcomer.id())).findFirst().orElseThrow();
    assertThat(recorded.joinedAt()).contains(joined);
    assertThat(recorded.createdAt()).contains(newcomer.createdAt());
    assertThat(recorded.hasAvatar()).contains(true);
    assertThat(recorded.pending()).contains(true);

    Instant spoke = NOW.minus(Duration.ofHours(2));
    discord.memberSays(newcomer, spoke, "hello @everyone, my secret words");
    until(() -> log.members(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID).stream()
        .anyMatch(m -> m.id().equals(newcomer.id()) && m.lastActiveAt().equals(Optional.of(spoke))),
        "the message counted as activity");

    Sent sent = ask(asModerator(false));
    assertThat(sent.edit().json().at("/embeds/0/title").asText()).isEqualTo(
        "Member audit: 100,001 members on Nov 1, 2026.");
    assertNoMemberShown(sent.edit());
    assertThat(sent.edit().body()).doesNotContain("newcomer").doesNotContain("secret words");

    discord.memberLeaves(newcomer);
    until(() -> log.leftSince(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID, NOW.minus(Duration.ofDays(1))) == 1,
        "the leave in the member log");
    assertThat(log.members(InteractionListener.PLATFORM, FakeDiscord.GUILD_ID))
        .noneMatch(m -> m.id().equals(newcomer.id()));
  }
}

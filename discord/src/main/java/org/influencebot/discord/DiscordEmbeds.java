package org.influencebot.discord;

import java.awt.Color;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.influencebot.core.chart.ComparisonChart;
import java.util.function.Function;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Verdict;
import org.influencebot.core.chart.ChartCache;
import org.influencebot.core.chart.Charts;
import org.influencebot.core.command.Button;
import org.influencebot.core.command.Command;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.members.MemberAuditText;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.SummaryView;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;

/**
 * Renders core replies as Discord messages: an embed coloured by verdict, with the headline, the
 * followers, one field per component and signal, the freshness in the footer, the chart as an
 * attached image, and the details and refresh buttons. Every piece is escaped and cut so that the
 * message always fits Discord's limits, whatever the names, handles and evidence hold.
 */
public final class DiscordEmbeds {

  // Discord's limits on one embed, and on all embeds of a message together.
  static final int TITLE = MessageEmbed.TITLE_MAX_LENGTH;
  static final int DESCRIPTION = MessageEmbed.DESCRIPTION_MAX_LENGTH;
  static final int FIELDS = 25;
  static final int FIELD_NAME = MessageEmbed.TITLE_MAX_LENGTH;
  static final int FIELD_VALUE = MessageEmbed.VALUE_MAX_LENGTH;
  static final int FOOTER = MessageEmbed.TEXT_MAX_LENGTH;
  static final int TOTAL = MessageEmbed.EMBED_MAX_LENGTH_BOT;
  /** Shares of the total kept for the description and the footer, so that fields always have room. */
  private static final int DESCRIPTION_SHARE = 2000;
  private static final int FOOTER_SHARE = 600;
  private static final int MIN_FIELD_VALUE = 24;
  private static final int BUTTON_LABEL = 80;
  /** Discord's limit on a component's custom id. */
  static final int CUSTOM_ID = 100;

  static final Color NEUTRAL = new Color(0x5865F2);

  /** The moderator's list of members as a file when it is too long for a message. */
  static final String MEMBERS_FILE = "members.txt";
  /** The most the list file holds: under Discord's smallest upload limit (10 MiB). */
  static final int MEMBERS_FILE_BYTES = 8 * 1024 * 1024;
  /** Summary embeds kept, across every reader: enough for the accounts of a busy hour in both languages. */
  static final int RENDERED_EMBEDS = 512;

  private final Clock clock;
  private final ChartCache charts;
  /** The chart of a member audit's daily joins, waves marked, as a PNG in the reader's language. */
  private final BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joinsChart;
  /**
   * Summary embeds already rendered, with the freshness their footer says: a summary asked again (a burst of
   * members asking about the same account, the deferred replies of one lookup) is laid out once per reader's
   * language and kind of reply, not once per interaction, until its footer's age changes (a minute).
   */
  private final Cache<RenderedKey, Rendered> rendered = Caffeine.newBuilder().maximumSize(RENDERED_EMBEDS).build();
  /** The help embed, per language and platform wording: it never changes. */
  private final Map<String, MessageEmbed> helps = new ConcurrentHashMap<>();

  private record RenderedKey(Summary summary, Locale locale, String dialect, Reply.Focus focus, boolean details,
      boolean withChart) {}

  private record Rendered(Text freshness, MessageEmbed embed) {}

  /**
   * @param charts the follower chart of a summary as a PNG, when there is one, drawn in no time (a
   *     test's stand-in; {@code s -> Optional.empty()} for none)
   */
  public DiscordEmbeds(Clock clock, Function<Summary, Optional<byte[]>> charts) {
    this(clock, ChartCache.instant((s, m) -> charts.apply(s), ComparisonChart.none()));
  }

  /**
   * @param charts a summary's chart as a PNG in the reader's language, when there is one
   * @param compareCharts the side-by-side chart of {@code /compare}, when there is one
   */
  public DiscordEmbeds(Clock clock, BiFunction<Summary, Messages, Optional<byte[]>> charts,
      ComparisonChart compareCharts) {
    this(clock, new ChartCache(charts, compareCharts));
  }

  /** @param charts the charts, drawn once and kept for every platform */
  public DiscordEmbeds(Clock clock, ChartCache charts) {
    this(clock, charts, Charts::joinsChart);
  }

  private DiscordEmbeds(Clock clock, ChartCache charts, BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joins) {
    this.clock = clock;
    this.charts = charts;
    this.joinsChart = joins;
  }

  /** The same renderer drawing member audits' joins charts with {@code joins} (a test's stand-in). */
  public DiscordEmbeds withJoinsChart(BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joins) {
    return new DiscordEmbeds(clock, charts, joins);
  }

  /**
   * Whether this reply renders without drawing a chart first, so that it can be the immediate answer
   * to an interaction; otherwise the interaction is deferred and the reply drawn after, so that chart
   * drawing never delays the acknowledgement (Discord allows 3 s).
   */
  boolean rendersAtOnce(Reply reply, Messages m) {
    if (reply instanceof Reply.MemberAuditReply) {
      return false; // its chart is drawn for each audit
    }
    if (reply instanceof Reply.SummaryReply r) {
      return charts.ready(r.lookup().summary(), m);
    }
    if (reply instanceof Reply.CompareReply r) {
      return charts.ready(r.first().summary(), r.second().summary(), m);
    }
    return true;
  }

  static Color colour(Verdict verdict) {
    return switch (verdict) {
      case AUTHENTIC -> new Color(0x2E7D32);
      case MIXED -> new Color(0xF9A825);
      case LIKELY_INFLATED -> new Color(0xC62828);
      case LIKELY_AUTOMATED -> new Color(0x6A1B9A);
      case NOT_ENOUGH_EVIDENCE -> new Color(0x757575);
    };
  }

  /** Every kind of reply as a Discord message; {@code buttons} writes the buttons under a summary. */
  DiscordMessage render(Reply reply, Messages m, Button.Codec buttons) {
    return reply.accept(new Reply.Visitor<DiscordMessage>() {
      @Override
      public DiscordMessage summary(Reply.SummaryReply r) {
        return DiscordEmbeds.this.summary(r, m, buttons);
      }

      @Override
      public DiscordMessage compare(Reply.CompareReply r) {
        return DiscordEmbeds.this.compare(r, m);
      }

      @Override
      public DiscordMessage help(Reply.HelpReply r) {
        return new DiscordMessage("", List.of(DiscordEmbeds.this.help(m)), List.of(), Optional.empty(), true);
      }

      @Override
      public DiscordMessage note(Reply.Note r) {
        return DiscordMessage.note(String.join("\n", r.lines().stream().map(m::format).toList()));
      }

      @Override
      public DiscordMessage debug(Reply.DebugReply r) {
        // A code block keeps the report's layout; a fence inside it would end the block early.
        String report = DiscordText.unmentionable(r.report()).replace("```", "``\u200B`");
        String fence = "```\n";
        String body = DiscordText.clip(report, MessageEmbed.DESCRIPTION_MAX_LENGTH - 2 * fence.length());
        MessageEmbed embed = new EmbedBuilder().setTitle(m.get("discord.debug.title"))
            .setDescription(fence + body + "\n```").build();
        return new DiscordMessage("", List.of(embed), List.of(), Optional.empty(), true);
      }

      @Override
      public DiscordMessage notHere(Reply.NotHere r) {
        // Channel mentions never ping, and ids come from the store's validation: no escaping, so they show as links.
        String channels = r.channels().stream().sorted().map(id -> "<#" + id + ">").collect(Collectors.joining(", "));
        return new DiscordMessage(m.get("discord.error.otherChannel", channels), List.of(), List.of(),
            Optional.empty(), true);
      }

      @Override
      public DiscordMessage error(Reply.ErrorReply r) {
        return DiscordMessage.error(m.format(r.message()));
      }

      @Override
      public DiscordMessage memberAudit(Reply.MemberAuditReply r) {
        return DiscordEmbeds.this.memberAudit(r, m);
      }
    });
  }

  DiscordMessage summary(Reply.SummaryReply r, Messages m, Button.Codec codec) {
    Summary s = r.lookup().summary();
    Optional<byte[]> chart = charts.summary(s, m);
    MessageEmbed embed = summaryEmbed(r, m, chart.isPresent());
    List<net.dv8tion.jda.api.components.buttons.Button> buttons = new ArrayList<>();
    if (!r.details()) {
      buttons.add(net.dv8tion.jda.api.components.buttons.Button.secondary(
          codec.encode(new Button(Button.Action.DETAILS, r.focus(), s.handle()), CUSTOM_ID),
          label(m.get("discord.button.details"))));
    }
    buttons.add(net.dv8tion.jda.api.components.buttons.Button.secondary(
        codec.encode(new Button(Button.Action.REFRESH, r.focus(), s.handle()), CUSTOM_ID),
        label(m.get("discord.button.refresh"))));
    return new DiscordMessage("", List.of(embed), List.of(ActionRow.of(buttons)), chart, false);
  }

  MessageEmbed summaryEmbed(Reply.SummaryReply r, Messages m, boolean withChart) {
    // One instant for the footer and the key, so that a kept embed always says the age it is kept under.
    Clock now = Clock.fixed(clock.instant(), clock.getZone());
    Text freshness = r.lookup().freshness(now);
    RenderedKey key = new RenderedKey(r.lookup().summary(), m.locale(), m.dialectName(), r.focus(), r.details(),
        withChart);
    Rendered kept = rendered.getIfPresent(key);
    if (kept != null && kept.freshness().equals(freshness)) {
      return kept.embed();
    }
    MessageEmbed embed = layOut(r, m, withChart, now);
    rendered.put(key, new Rendered(freshness, embed));
    return embed;
  }

  private MessageEmbed layOut(Reply.SummaryReply r, Messages m, boolean withChart, Clock now) {
    SummaryView v = SummaryView.of(r.lookup(), m, now);
    boolean influenceFirst = r.focus() == Reply.Focus.INFLUENCE;
    List<SummaryView.Row> rows = new ArrayList<>();
    if (r.details() || influenceFirst) {
      rows.addAll(v.components());
    }
    if (r.details() || !influenceFirst) {
      rows.addAll(v.signals());
    } else if (!v.signals().isEmpty()) {
      rows.addAll(v.keySignals());
    }
    String description = v.headline() + "\n" + v.followers() + (v.missing().isEmpty() ? "" : "\n\n" + v.missing());
    Budget budget = new Budget(v.title(), description, v.footer());
    EmbedBuilder b = budget.start();
    b.setColor(colour(v.verdictKind()));
    b.setTimestamp(r.lookup().summary().computedAt());
    for (SummaryView.Row row : rows) {
      if (!budget.addField(b, row.label() + " · " + row.score(), row.text())) {
        break;
      }
    }
    if (withChart) {
      b.setImage("attachment://" + DiscordMessage.CHART_FILE);
    }
    return b.build();
  }

  DiscordMessage compare(Reply.CompareReply r, Messages m) {
    String title = m.get("discord.compare.title", r.first().summary().handle().display(),
        r.second().summary().handle().display());
    Budget budget = new Budget(title, m.format(r.conclusion()), "");
    EmbedBuilder b = budget.start();
    b.setColor(NEUTRAL);
    for (Lookup l : List.of(r.first(), r.second())) {
      SummaryView v = SummaryView.of(l, m, clock);
      budget.addField(b, v.title(), v.headline() + "\n" + v.followers() + "\n" + v.footer());
    }
    Optional<byte[]> chart = charts.compare(r.first().summary(), r.second().summary(), m);
    if (chart.isPresent()) {
      b.setImage("attachment://" + DiscordMessage.CHART_FILE);
    }
    return new DiscordMessage("", List.of(b.build()), List.of(), chart, false);
  }

  /**
   * A member audit for the channel: aggregates only (the counts, the recent joiners' bought share with its
   * interval, each wave, what the audit cannot see), never a member, with the chart of joins attached. The
   * members' list, when asked for, is {@link #memberList}, for the moderator alone.
   */
  DiscordMessage memberAudit(Reply.MemberAuditReply r, Messages m) {
    List<String> lines = MemberAuditText.lines(r.audit(), m);
    // The lines: the title, what was read and counted, then the waves ("- " each, after their heading), then
    // what the audit cannot see and the last audit. The waves go in fields, the rest in the description.
    int firstWave = -1;
    int lastWave = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("- ")) {
        firstWave = firstWave < 0 ? i : firstWave;
        lastWave = i;
      }
    }
    StringBuilder description = new StringBuilder();
    for (int i = 1; i < lines.size(); i++) {
      if (firstWave < 0 || i < firstWave - 1 || i > lastWave) {
        description.append(description.length() == 0 ? "" : "\n").append(lines.get(i));
      }
    }
    String footer = m.get("discord.members.footer") + (r.list() ? " " + m.get("members.list.private") : "");
    Budget budget = new Budget(lines.get(0), description.toString(), footer);
    EmbedBuilder b = budget.start();
    b.setColor(NEUTRAL);
    b.setTimestamp(r.audit().report().now());
    if (firstWave > 0) {
      String heading = lines.get(firstWave - 1);
      // Whole waves to a field, as many as fit in one once escaped; the next field goes on.
      StringBuilder value = new StringBuilder();
      int escaped = 0;
      int field = 0;
      for (int i = firstWave; i <= lastWave; i++) {
        String wave = "• " + lines.get(i).substring(2);
        int length = DiscordText.safe(wave).length();
        if (value.length() > 0 && escaped + 1 + length > FIELD_VALUE) {
          boolean added = budget.addField(b, field++ == 0 ? heading : "…", value.toString());
          value.setLength(0);
          escaped = 0;
          if (!added) {
            break;
          }
        }
        escaped += (value.length() == 0 ? 0 : 1) + length;
        value.append(value.length() == 0 ? "" : "\n").append(wave);
      }
      if (value.length() > 0) {
        budget.addField(b, field == 0 ? heading : "…", value.toString());
      }
    }
    Optional<byte[]> chart = joinsChart.apply(r.audit().report(), m);
    if (chart.isPresent()) {
      b.setImage("attachment://" + DiscordMessage.CHART_FILE);
    }
    return new DiscordMessage("", List.of(b.build()), List.of(), chart, false);
  }

  /**
   * The moderator's own list of recent joiners and wave members, by id (never a name), for an ephemeral
   * follow-up: in the message when it fits, else as a text file (cut at {@value #MEMBERS_FILE_BYTES} bytes).
   * Empty unless the audit was asked with {@code list}.
   */
  Optional<DiscordMessage> memberList(Reply reply, Messages m) {
    if (!(reply instanceof Reply.MemberAuditReply r) || !r.list()) {
      return Optional.empty();
    }
    List<String> lines = MemberAuditText.list(r.audit().report(), m);
    String rows = String.join("\n", lines.subList(1, lines.size()));
    String inline = DiscordText.safe(lines.get(0)) + "\n```\n" + rows + "\n```";
    if (rows.indexOf('`') < 0 && inline.length() <= DiscordMessage.MAX_CONTENT) {
      return Optional.of(new DiscordMessage(inline, List.of(), List.of(), Optional.empty(), true));
    }
    StringBuilder file = new StringBuilder(lines.get(0)).append('\n');
    int kept = 0;
    int bytes = file.toString().getBytes(StandardCharsets.UTF_8).length;
    for (String row : lines.subList(1, lines.size())) {
      int size = row.getBytes(StandardCharsets.UTF_8).length + 1;
      if (bytes + size > MEMBERS_FILE_BYTES) {
        break;
      }
      file.append(row).append('\n');
      bytes += size;
      kept++;
    }
    String text = m.get("discord.members.list.file", kept)
        + (kept < lines.size() - 1 ? " " + m.get("discord.members.list.cut", kept) : "");
    return Optional.of(new DiscordMessage(DiscordText.clip(DiscordText.safe(text), DiscordMessage.MAX_CONTENT),
        List.of(), List.of(), Optional.empty(), true,
        Optional.of(new DiscordMessage.Attachment(MEMBERS_FILE, file.toString().getBytes(StandardCharsets.UTF_8)))));
  }

  MessageEmbed help(Messages m) {
    return helps.computeIfAbsent(m.locale().toLanguageTag() + "/" + m.dialectName(), k -> layOutHelp(m));
  }

  private static MessageEmbed layOutHelp(Messages m) {
    StringBuilder text = new StringBuilder(m.get("help.intro")).append("\n\n");
    for (Command.Name name : Command.Name.values()) {
      text.append(m.get("discord.help.usage." + name.word())).append(": ").append(m.get("help." + name.word()))
          .append('\n');
    }
    text.append('\n').append(m.get("discord.help.member")).append('\n').append(m.get("help.handles"));
    return new Budget(m.get("discord.help.title"), text.toString(), "").start().setColor(NEUTRAL).build();
  }

  private static String label(String text) {
    return DiscordText.clip(DiscordText.unmentionable(text), BUTTON_LABEL);
  }

  /**
   * Fills one embed within every limit: the title, description and footer are cut to their own
   * limits and to a share of the 6000 total, then fields take what is left.
   */
  static final class Budget {
    private final String title;
    private final String description;
    private final String footer;
    private int left;
    private int fields;

    Budget(String title, String description, String footer) {
      this.title = DiscordText.clip(DiscordText.safe(title), TITLE);
      this.description = DiscordText.clip(DiscordText.safe(description), Math.min(DESCRIPTION, DESCRIPTION_SHARE));
      // Footers show no markdown, so they are not escaped; they never ping, but stay neutralized anyway.
      this.footer = DiscordText.clip(DiscordText.unmentionable(footer), Math.min(FOOTER, FOOTER_SHARE));
      this.left = TOTAL - this.title.length() - this.description.length() - this.footer.length();
    }

    EmbedBuilder start() {
      EmbedBuilder b = new EmbedBuilder().setTitle(title).setDescription(description);
      if (!footer.isEmpty()) {
        b.setFooter(footer);
      }
      return b;
    }

    /** Adds a field cut to fit; false when there is no room for more. */
    boolean addField(EmbedBuilder b, String rawName, String rawValue) {
      if (fields >= FIELDS) {
        return false;
      }
      String name = DiscordText.clip(DiscordText.safe(rawName), FIELD_NAME);
      String value = DiscordText.clip(DiscordText.safe(rawValue.isEmpty() ? "–" : rawValue), FIELD_VALUE);
      if (name.length() + value.length() > left) {
        int room = left - name.length();
        if (room < MIN_FIELD_VALUE) {
          return false;
        }
        value = DiscordText.clip(value, room);
      }
      b.addField(name, value, false);
      left -= name.length() + value.length();
      fields++;
      return true;
    }
  }
}

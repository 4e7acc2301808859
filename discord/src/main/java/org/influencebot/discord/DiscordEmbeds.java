package org.influencebot.discord;

import java.awt.Color;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.BiFunction;
import org.influencebot.core.chart.ComparisonChart;
import java.util.function.Function;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Verdict;
import org.influencebot.core.command.Command;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.SummaryView;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders core replies as Discord messages: an embed coloured by verdict, with the headline, the
 * followers, one field per component and signal, the freshness in the footer, the chart as an
 * attached image, and the details and refresh buttons. Every piece is escaped and cut so that the
 * message always fits Discord's limits, whatever the names, handles and evidence hold.
 */
public final class DiscordEmbeds {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordEmbeds.class);

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

  static final Color NEUTRAL = new Color(0x5865F2);

  private final Clock clock;
  private final BiFunction<Summary, Messages, Optional<byte[]>> charts;
  private final ComparisonChart compareCharts;
  /** Whether charts take real drawing time (the chart module: tens of milliseconds), not a test's stand-in. */
  private final boolean drawsCharts;
  /** Charts already drawn, per summary and language: a cached summary asked again is answered at once. */
  private final Cache<ChartKey, Optional<byte[]>> drawn = Caffeine.newBuilder().maximumSize(500).build();

  private record ChartKey(Summary summary, String language) {}

  /**
   * @param charts the follower chart of a summary as a PNG, when there is one (the chart module plugs
   *     in here; {@code s -> Optional.empty()} for none)
   */
  public DiscordEmbeds(Clock clock, Function<Summary, Optional<byte[]>> charts) {
    this(clock, (s, m) -> charts.apply(s), ComparisonChart.none(), false);
  }

  /**
   * @param charts a summary's chart as a PNG in the reader's language, when there is one
   * @param compareCharts the side-by-side chart of {@code /compare}, when there is one
   */
  public DiscordEmbeds(Clock clock, BiFunction<Summary, Messages, Optional<byte[]>> charts,
      ComparisonChart compareCharts) {
    this(clock, charts, compareCharts, true);
  }

  private DiscordEmbeds(Clock clock, BiFunction<Summary, Messages, Optional<byte[]>> charts,
      ComparisonChart compareCharts, boolean drawsCharts) {
    this.clock = clock;
    this.charts = charts;
    this.compareCharts = compareCharts;
    this.drawsCharts = drawsCharts;
  }

  /**
   * Whether this reply renders without drawing a chart first, so that it can be the immediate answer
   * to an interaction; otherwise the interaction is deferred and the reply drawn after, so that chart
   * drawing never delays the acknowledgement (Discord allows 3 s).
   */
  boolean rendersAtOnce(Reply reply, Messages m) {
    if (!drawsCharts) {
      return true;
    }
    if (reply instanceof Reply.SummaryReply r) {
      return drawn.getIfPresent(new ChartKey(r.lookup().summary(), m.locale().getLanguage())) != null;
    }
    return !(reply instanceof Reply.CompareReply);
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

  DiscordMessage render(Reply reply, Messages m) {
    if (reply instanceof Reply.SummaryReply r) {
      return summary(r, m);
    }
    if (reply instanceof Reply.CompareReply r) {
      return compare(r, m);
    }
    if (reply instanceof Reply.HelpReply) {
      return new DiscordMessage("", List.of(help(m)), List.of(), Optional.empty(), true);
    }
    Reply.ErrorReply e = (Reply.ErrorReply) reply;
    return DiscordMessage.error(m.format(e.message()));
  }

  DiscordMessage summary(Reply.SummaryReply r, Messages m) {
    Summary s = r.lookup().summary();
    Optional<byte[]> chart = drawn.get(new ChartKey(s, m.locale().getLanguage()),
        k -> chart(() -> charts.apply(s, m), s.handle().toString()));
    MessageEmbed embed = summaryEmbed(r, m, chart.isPresent());
    List<Button> buttons = new ArrayList<>();
    if (!r.details()) {
      new ButtonId(ButtonId.Action.DETAILS, r.focus(), s.handle()).encode()
          .ifPresent(id -> buttons.add(Button.secondary(id, label(m.get("discord.button.details")))));
    }
    new ButtonId(ButtonId.Action.REFRESH, r.focus(), s.handle()).encode()
        .ifPresent(id -> buttons.add(Button.secondary(id, label(m.get("discord.button.refresh")))));
    List<ActionRow> rows = buttons.isEmpty() ? List.of() : List.of(ActionRow.of(buttons));
    return new DiscordMessage("", List.of(embed), rows, chart, false);
  }

  MessageEmbed summaryEmbed(Reply.SummaryReply r, Messages m, boolean withChart) {
    SummaryView v = SummaryView.of(r.lookup(), m, clock);
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
    Optional<byte[]> chart = chart(() -> compareCharts.draw(r.first().summary(), r.second().summary(), m),
        r.first().summary().handle() + " / " + r.second().summary().handle());
    if (chart.isPresent()) {
      b.setImage("attachment://" + DiscordMessage.CHART_FILE);
    }
    return new DiscordMessage("", List.of(b.build()), List.of(), chart, false);
  }

  MessageEmbed help(Messages m) {
    StringBuilder text = new StringBuilder(m.get("help.intro")).append("\n\n");
    for (Command.Name name : Command.Name.values()) {
      text.append(m.get("discord.help.usage." + name.word())).append(": ").append(m.get("help." + name.word()))
          .append('\n');
    }
    text.append('\n').append(m.get("discord.help.member")).append('\n').append(m.get("help.handles"));
    return new Budget(m.get("discord.help.title"), text.toString(), "").start().setColor(NEUTRAL).build();
  }

  private static Optional<byte[]> chart(java.util.function.Supplier<Optional<byte[]>> draw, String of) {
    try {
      return draw.get().filter(png -> png.length > 0);
    } catch (RuntimeException e) {
      // A chart is a bonus: the reply goes out without it.
      LOG.warn("could not draw the chart of {}", of, e);
      return Optional.empty();
    }
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

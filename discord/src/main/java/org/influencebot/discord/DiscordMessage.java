package org.influencebot.discord;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * A rendered reply: text or embeds, buttons, an optional chart, and whether only the asker sees it.
 * Every message built from it allows no mention at all: data from users and remote profiles is
 * echoed, and nothing the bot says may ping anyone.
 */
record DiscordMessage(String content, List<MessageEmbed> embeds, List<ActionRow> rows, Optional<byte[]> chart,
    boolean ephemeral) {
  static final String CHART_FILE = "chart.png";
  /** Discord's limit on a message's text. */
  static final int MAX_CONTENT = 2000;

  DiscordMessage {
    embeds = List.copyOf(embeds);
    rows = List.copyOf(rows);
  }

  static DiscordMessage error(String text) {
    return note(text);
  }

  /** A sentence for the asker alone (a confirmation, a refusal), escaped and cut to Discord's limit. */
  static DiscordMessage note(String text) {
    return new DiscordMessage(DiscordText.clip(DiscordText.safe(text), MAX_CONTENT), List.of(), List.of(),
        Optional.empty(), true);
  }

  MessageCreateData toCreate() {
    MessageCreateBuilder b = new MessageCreateBuilder()
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .setContent(content)
        .setEmbeds(embeds)
        .setComponents(rows);
    chart.ifPresent(png -> b.setFiles(List.of(FileUpload.fromData(png, CHART_FILE))));
    return b.build();
  }

  /** Replaces the whole message: text, embeds, buttons and attachments. */
  MessageEditData toEdit() {
    MessageEditBuilder b = new MessageEditBuilder()
        .setReplace(true)
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .setContent(content)
        .setEmbeds(embeds)
        .setComponents(rows);
    b.setAttachments(chart.map(png -> List.of(FileUpload.fromData(png, CHART_FILE))).orElse(List.of()));
    return b.build();
  }
}

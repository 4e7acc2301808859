package org.influencebot.discord;

import java.util.ArrayList;
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
 * A rendered reply: text or embeds, buttons, an optional chart, an optional file (a moderator's list of members),
 * and whether only the asker sees it.
 * Every message built from it allows no mention at all: data from users and remote profiles is
 * echoed, and nothing the bot says may ping anyone.
 */
record DiscordMessage(String content, List<MessageEmbed> embeds, List<ActionRow> rows, Optional<byte[]> chart,
    boolean ephemeral, Optional<Attachment> file) {
  static final String CHART_FILE = "chart.png";
  /** Discord's limit on a message's text. */
  static final int MAX_CONTENT = 2000;

  DiscordMessage {
    embeds = List.copyOf(embeds);
    rows = List.copyOf(rows);
  }

  DiscordMessage(String content, List<MessageEmbed> embeds, List<ActionRow> rows, Optional<byte[]> chart,
      boolean ephemeral) {
    this(content, embeds, rows, chart, ephemeral, Optional.empty());
  }

  /** A file sent with the message, under its name. */
  record Attachment(String name, byte[] data) {}

  private List<FileUpload> files() {
    List<FileUpload> files = new ArrayList<>(2);
    chart.ifPresent(png -> files.add(FileUpload.fromData(png, CHART_FILE)));
    file.ifPresent(f -> files.add(FileUpload.fromData(f.data(), f.name())));
    return files;
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
    List<FileUpload> files = files();
    if (!files.isEmpty()) {
      b.setFiles(files);
    }
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
    b.setAttachments(files());
    return b.build();
  }
}

package org.influencebot.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.influencebot.core.command.Command;
import org.influencebot.core.text.Messages;

/**
 * The slash commands, named and described in English with French localizations, all from the
 * message bundle. Their base (English) names are what the listener matches.
 */
final class SlashCommands {
  static final String HANDLE = "handle";
  static final String USER = "user";
  static final String FIRST = "first";
  static final String SECOND = "second";

  private static final Messages EN = Messages.english();
  private static final Messages FR = Messages.forTag("fr");

  private SlashCommands() {}

  static List<CommandData> all() {
    return List.of(
        command(Command.Name.INFLUENCE).addOptions(handle(false), user()),
        command(Command.Name.AUTHENTICITY).addOptions(handle(false), user()),
        command(Command.Name.COMPARE).addOptions(option(FIRST, true), option(SECOND, true)),
        command(Command.Name.HELP));
  }

  private static SlashCommandData command(Command.Name name) {
    String key = "discord.command." + name.word();
    return Commands.slash(name.word(), EN.get(key + ".description"))
        .setNameLocalization(DiscordLocale.FRENCH, FR.get(key + ".name"))
        .setDescriptionLocalization(DiscordLocale.FRENCH, FR.get(key + ".description"))
        .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
  }

  private static OptionData handle(boolean required) {
    return option(HANDLE, required);
  }

  private static OptionData option(String name, boolean required) {
    return localized(new OptionData(OptionType.STRING, name, EN.get("discord.option." + name + ".description"),
        required, true), name).setMaxLength(200);
  }

  private static OptionData user() {
    return localized(new OptionData(OptionType.USER, USER, EN.get("discord.option.user.description"), false), USER);
  }

  private static OptionData localized(OptionData option, String name) {
    return option.setNameLocalization(DiscordLocale.FRENCH, FR.get("discord.option." + name + ".name"))
        .setDescriptionLocalization(DiscordLocale.FRENCH, FR.get("discord.option." + name + ".description"));
  }
}

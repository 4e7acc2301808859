package org.influencebot.discord;

import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.influencebot.core.command.Command;
import org.influencebot.core.text.Messages;
import org.influencebot.core.settings.SettingKey;

/**
 * The slash commands, named and described in English with French localizations, all from the
 * message bundle. Their base (English) names are what the listener matches.
 */
final class SlashCommands {
  static final String HANDLE = "handle";
  static final String USER = "user";
  static final String FIRST = "first";
  static final String SECOND = "second";
  static final String KEY = "key";
  static final String VALUE = "value";
  static final String UNLINK_MEMBER = "unlink-member";
  static final String LIST = "list";

  /** Member commands: link one's own handle (or see it), remove it. */
  static final String LINK = "influence-link";
  static final String UNLINK = "influence-unlink";
  /** Moderators (Manage Server): see or change the server's settings, remove a member's link. */
  static final String SETTINGS = "influence-settings";
  /** Moderators (Manage Server): audit the server's members (with {@code discord.member_audit}). */
  static final String MEMBERS = "influence-members";
  /** The bot's owner: versions, configuration and statistics. */
  static final String DEBUG = "influence-debug";

  private static final Messages EN = Messages.english();
  private static final Messages FR = Messages.forTag("fr");

  private SlashCommands() {}

  static List<CommandData> all() {
    return List.of(
        command(Command.Name.INFLUENCE).addOptions(handle(false), user()),
        command(Command.Name.AUTHENTICITY).addOptions(handle(false), user()),
        command(Command.Name.COMPARE).addOptions(option(FIRST, true), option(SECOND, true)),
        command(Command.Name.HELP),
        named(LINK, "link").addOptions(localized(new OptionData(OptionType.STRING, HANDLE,
            EN.get("discord.option.link.description"), false), "link").setMaxLength(200)),
        named(UNLINK, "unlink"),
        // Hidden from members without Manage Server; the listener checks it again, since a server can override it.
        named(SETTINGS, "settings").setContexts(InteractionContextType.GUILD)
            .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
            .addOptions(settingKey(), option(VALUE).setMaxLength(200), localized(new OptionData(OptionType.USER,
                UNLINK_MEMBER, EN.get("discord.option.unlink-member.description"), false), UNLINK_MEMBER)),
        // Shown to server administrators only; whoever runs it, only the owner gets an answer.
        named(DEBUG, "debug").setDefaultPermissions(DefaultMemberPermissions.DISABLED),
        // Hidden from members without Manage Server, like the settings; the core checks it again.
        named(MEMBERS, "members").setContexts(InteractionContextType.GUILD)
            .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
            .addOptions(localized(new OptionData(OptionType.BOOLEAN, LIST,
                EN.get("discord.option.list.description"), false), LIST)));
  }

  /** A command whose name is not a core command word: its texts are under {@code discord.command.<key>}. */
  private static SlashCommandData named(String name, String key) {
    String prefix = "discord.command." + key;
    return Commands.slash(name, EN.get(prefix + ".description"))
        .setNameLocalization(DiscordLocale.FRENCH, FR.get(prefix + ".name"))
        .setDescriptionLocalization(DiscordLocale.FRENCH, FR.get(prefix + ".description"))
        .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
  }

  private static OptionData settingKey() {
    OptionData key = localized(new OptionData(OptionType.STRING, KEY, EN.get("discord.option.key.description"), false),
        KEY);
    for (SettingKey k : SettingKey.values()) {
      // The value stays the key every platform reads; French readers see its French name.
      key.addChoices(new net.dv8tion.jda.api.interactions.commands.Command.Choice(
          EN.get("discord.setting." + k.key() + ".name"), k.key())
          .setNameLocalization(DiscordLocale.FRENCH, FR.get("discord.setting." + k.key() + ".name")));
    }
    return key;
  }

  private static OptionData option(String name) {
    return localized(new OptionData(OptionType.STRING, name, EN.get("discord.option." + name + ".description"),
        false), name);
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

  /** French name and description of an option, from {@code discord.option.<key>}. */
  private static OptionData localized(OptionData option, String key) {
    return option.setNameLocalization(DiscordLocale.FRENCH, FR.get("discord.option." + key + ".name"))
        .setDescriptionLocalization(DiscordLocale.FRENCH, FR.get("discord.option." + key + ".description"));
  }
}

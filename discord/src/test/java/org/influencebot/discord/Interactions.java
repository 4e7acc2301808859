package org.influencebot.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** INTERACTION_CREATE payloads as Discord sends them, in a DM or in the fake's server. */
final class Interactions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeDiscord discord;

  Interactions(FakeDiscord discord) {
    this.discord = discord;
  }

  static ObjectNode user(String id, String name, String globalName) {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", id);
    u.put("username", name);
    u.put("discriminator", "0");
    u.put("global_name", globalName);
    u.putNull("avatar");
    return u;
  }

  private ObjectNode base(int type, boolean inGuild, String locale) {
    ObjectNode i = JSON.createObjectNode();
    i.put("id", discord.nextId());
    i.put("application_id", FakeDiscord.APP_ID);
    i.put("type", type);
    i.put("token", "interaction-token-" + i.get("id").asText());
    i.put("version", 1);
    i.put("locale", locale);
    i.put("app_permissions", "2248473465835073");
    i.putArray("entitlements");
    ObjectNode asker = user(FakeDiscord.USER_ID, "asker", "Asker");
    if (inGuild) {
      i.put("guild_id", FakeDiscord.GUILD_ID);
      // Discord sends this partial guild with every guild interaction; JDA 6 finds the guild through it.
      ObjectNode guild = i.putObject("guild");
      guild.put("id", FakeDiscord.GUILD_ID).put("locale", "en-US");
      guild.putArray("features");
      i.put("guild_locale", "en-US");
      i.put("channel_id", FakeDiscord.GUILD_CHANNEL_ID);
      ObjectNode channel = i.putObject("channel");
      channel.put("id", FakeDiscord.GUILD_CHANNEL_ID).put("type", 0).put("name", "general")
          .put("guild_id", FakeDiscord.GUILD_ID).put("position", 0);
      channel.putArray("permission_overwrites");
      ObjectNode member = i.putObject("member");
      member.set("user", asker);
      member.putArray("roles");
      member.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
      member.put("deaf", false).put("mute", false).put("pending", false).put("flags", 0);
      member.put("permissions", Long.toString(FakeDiscord.EVERYONE_PERMISSIONS));
      i.putObject("authorizing_integration_owners").put("0", FakeDiscord.GUILD_ID);
      i.put("context", 0);
    } else {
      i.put("channel_id", FakeDiscord.DM_CHANNEL_ID);
      i.set("user", asker);
      ObjectNode channel = i.putObject("channel");
      channel.put("id", FakeDiscord.DM_CHANNEL_ID).put("type", 1).put("flags", 0);
      channel.putArray("recipients").add(asker.deepCopy());
      i.putObject("authorizing_integration_owners").put("0", FakeDiscord.USER_ID);
      i.put("context", 1);
    }
    return i;
  }

  /** A slash command; {@code options} alternates names and string values. */
  ObjectNode slash(String command, boolean inGuild, String locale, String... options) {
    ObjectNode i = base(2, inGuild, locale);
    ObjectNode data = i.putObject("data");
    data.put("id", "1700000000000000000");
    data.put("name", command);
    data.put("type", 1);
    ArrayNode opts = data.putArray("options");
    for (int k = 0; k + 1 < options.length; k += 2) {
      opts.addObject().put("name", options[k]).put("type", 3).put("value", options[k + 1]);
    }
    return i;
  }

  /** {@code /command user:<member>} with the member resolved, as Discord sends it. */
  ObjectNode slashWithUser(String command, ObjectNode member) {
    ObjectNode i = slash(command, true, "en-US");
    ObjectNode data = (ObjectNode) i.get("data");
    ((ArrayNode) data.get("options")).addObject().put("name", "user").put("type", 6).put("value", member.get("id").asText());
    data.putObject("resolved").putObject("users").set(member.get("id").asText(), member);
    return i;
  }

  /**
   * The same interaction asked by another server member, with these roles; {@code permissions} is
   * what Discord computes from them (JDA computes its own from the server's roles).
   */
  static ObjectNode askedBy(ObjectNode interaction, String userId, String name, String... roleIds) {
    ObjectNode asker = user(userId, name, name);
    ObjectNode member = (ObjectNode) interaction.get("member");
    member.set("user", asker);
    ArrayNode roles = member.putArray("roles");
    long permissions = FakeDiscord.EVERYONE_PERMISSIONS;
    for (String role : roleIds) {
      roles.add(role);
      if (role.equals(FakeDiscord.MODERATOR_ROLE_ID)) {
        permissions |= FakeDiscord.MANAGE_SERVER;
      }
    }
    member.put("permissions", Long.toString(permissions));
    return interaction;
  }

  /** Adds a user option (type 6) with the member resolved, as Discord sends it. */
  static ObjectNode withUser(ObjectNode interaction, String option, ObjectNode member) {
    ObjectNode data = (ObjectNode) interaction.get("data");
    ((ArrayNode) data.get("options")).addObject().put("name", option).put("type", 6).put("value", member.get("id").asText());
    data.putObject("resolved").putObject("users").set(member.get("id").asText(), member);
    return interaction;
  }

  ObjectNode autocomplete(String command, String option, String typed) {
    return autocomplete(command, option, typed, false);
  }

  /** Autocomplete of {@code option}, in the test server or in a direct message. */
  ObjectNode autocomplete(String command, String option, String typed, boolean inGuild) {
    ObjectNode i = base(4, inGuild, "en-US");
    ObjectNode data = i.putObject("data");
    data.put("id", "1700000000000000000");
    data.put("name", command);
    data.put("type", 1);
    data.putArray("options").addObject().put("name", option).put("type", 3).put("value", typed).put("focused", true);
    return i;
  }

  ObjectNode button(String customId, String locale) {
    ObjectNode i = base(3, false, locale);
    i.putObject("data").put("custom_id", customId).put("component_type", 2);
    ObjectNode message = i.putObject("message");
    message.put("id", discord.nextId());
    message.put("channel_id", FakeDiscord.DM_CHANNEL_ID);
    message.put("type", 0);
    message.put("content", "");
    message.set("author", user(FakeDiscord.APP_ID, "influence-bot", null).put("bot", true));
    message.put("timestamp", "2026-11-01T12:00:00.000000+00:00");
    message.putNull("edited_timestamp");
    message.put("tts", false).put("mention_everyone", false).put("pinned", false).put("flags", 0);
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    message.putArray("embeds");
    ObjectNode row = message.putArray("components").addObject();
    row.put("type", 1);
    row.putArray("components").addObject().put("type", 2).put("style", 2).put("label", "x").put("custom_id", customId);
    return i;
  }
}

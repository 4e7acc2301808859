package org.influencebot.discord;

import java.time.Clock;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.influencebot.core.members.MemberWatch;

/**
 * What the gateway shows of members once member audits are on, reported to the {@link MemberWatch} (which writes
 * to the member log on its own thread, so no JDA thread waits for the store): the servers watched from when they
 * are ready, each join (with what the audit reads of the account), each leave, and each message's author and time
 * (counted, once a day per member; the content is never asked for nor read).
 */
final class MemberEvents extends ListenerAdapter {
  private final MemberWatch watch;
  private final Clock clock;

  MemberEvents(MemberWatch watch, Clock clock) {
    this.watch = watch;
    this.clock = clock;
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    watching(event.getGuild());
  }

  @Override
  public void onGuildJoin(GuildJoinEvent event) {
    watching(event.getGuild());
  }

  private void watching(Guild guild) {
    watch.watching(InteractionListener.PLATFORM, guild.getId(), clock.instant());
  }

  @Override
  public void onGuildMemberJoin(GuildMemberJoinEvent event) {
    watch.joined(InteractionListener.PLATFORM, event.getGuild().getId(), DiscordRoster.member(event.getMember()));
  }

  @Override
  public void onGuildMemberRemove(GuildMemberRemoveEvent event) {
    watch.left(InteractionListener.PLATFORM, event.getGuild().getId(), event.getUser().getId(), clock.instant());
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    // A webhook or the system speaks for no member; only who spoke and when is used.
    if (!event.isFromGuild() || event.isWebhookMessage() || event.getMessage().getType().isSystem()) {
      return;
    }
    watch.active(InteractionListener.PLATFORM, event.getGuild().getId(), event.getAuthor().getId(),
        DiscordRoster.createdAt(event.getMessageIdLong()));
  }
}

package org.influencebot.discord;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Requester;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Discord interactions into core commands and answers each within Discord's 3 seconds: at
 * once when the answer is ready (a cached summary, help, an error), else by deferring first and
 * editing the reply when the core's future completes on the service's executor. JDA's event thread
 * only parses, looks in the cache and queues requests.
 */
final class InteractionListener extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(InteractionListener.class);

  private final CommandRunner runner;
  private final DiscordEmbeds embeds;
  private final LinkedHandles links;
  private final Executor linkLookups;
  private final RecentHandles recent;
  private final OptionalLong devGuild;
  /** Answers still being computed or sent: shutdown waits for them, so no deferred reply is left thinking. */
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

  InteractionListener(CommandRunner runner, DiscordEmbeds embeds, LinkedHandles links, Executor linkLookups,
      RecentHandles recent, OptionalLong devGuild) {
    this.runner = runner;
    this.embeds = embeds;
    this.links = links;
    this.linkLookups = linkLookups;
    this.recent = recent;
    this.devGuild = devGuild;
  }

  // --- registration ---

  @Override
  public void onReady(ReadyEvent event) {
    // Global commands are registered once, by whichever process runs shard 0.
    if (devGuild.isEmpty() && event.getJDA().getShardInfo().getShardId() == 0) {
      event.getJDA().updateCommands().addCommands(SlashCommands.all()).queue(
          done -> LOG.info("registered {} slash commands globally (they may take a while to show)", done.size()),
          error -> LOG.error("could not register the slash commands: {}", error.toString()));
    }
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    Guild guild = event.getGuild();
    if (devGuild.isPresent() && guild.getIdLong() == devGuild.getAsLong()) {
      guild.updateCommands().addCommands(SlashCommands.all()).queue(
          done -> LOG.info("registered {} slash commands on the development server {}", done.size(), guild.getId()),
          error -> LOG.error("could not register the slash commands on {}: {}", guild.getId(), error.toString()));
    }
  }

  // --- slash commands ---

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    Messages m = messages(event.getUserLocale());
    Requester requester = requester(event.getUser(), event.getGuild());
    CompletableFuture<Reply> answer;
    try {
      answer = answer(event, m, requester);
    } catch (RuntimeException e) {
      answer = CompletableFuture.completedFuture(CommandRunner.toError(e));
    }
    // The runner never fails a future, but a bug here must still end in a sentence, not a silent timeout.
    answer = answer.exceptionally(CommandRunner::toError);
    if (answer.isDone()) {
      DiscordMessage message = render(answer.join(), m);
      event.reply(message.toCreate()).setEphemeral(message.ephemeral()).queue(null, failed("reply", event.getName()));
      return;
    }
    event.deferReply().queue(null, failed("defer", event.getName()));
    InteractionHook hook = event.getHook();
    track(answer.thenCompose(reply -> {
      DiscordMessage message = render(reply, m);
      if (message.ephemeral()) {
        // The deferred reply is public; a sentence for the asker alone replaces it.
        return hook.sendMessage(message.toCreate()).setEphemeral(true).submit()
            .thenCompose(sent -> hook.deleteOriginal().submit()).thenApply(done -> (Object) done);
      }
      return hook.editOriginal(message.toEdit()).submit().thenApply(edited -> (Object) edited);
    }), "edit", event.getName());
  }

  private CompletableFuture<Reply> answer(SlashCommandInteractionEvent event, Messages m, Requester requester) {
    String name = event.getName();
    if (name.equals(Command.Name.HELP.word())) {
      return runner.run(new Command.Help(), requester);
    }
    if (name.equals(Command.Name.COMPARE.word())) {
      return runner.run(new Command.Compare(string(event, SlashCommands.FIRST), string(event, SlashCommands.SECOND)),
          requester);
    }
    boolean influence = name.equals(Command.Name.INFLUENCE.word());
    if (!influence && !name.equals(Command.Name.AUTHENTICITY.word())) {
      return error(Reply.ErrorKind.BAD_INPUT, Text.of("command.error.unknown", name));
    }
    String word = m.get("discord.command." + name + ".name");
    String handle = string(event, SlashCommands.HANDLE);
    User member = event.getOption(SlashCommands.USER, OptionMapping::getAsUser);
    if (handle != null && member != null) {
      return error(Reply.ErrorKind.BAD_INPUT, Text.of("discord.error.handleAndUser", word));
    }
    if (handle == null && member == null) {
      return error(Reply.ErrorKind.BAD_INPUT, Text.of("discord.error.missingHandle", word));
    }
    if (handle != null) {
      return runner.run(command(influence, handle), requester);
    }
    // The link store may touch a disk or a database: never on JDA's thread.
    String memberName = member.getEffectiveName();
    return CompletableFuture.supplyAsync(() -> links.handleOf(member.getId()), linkLookups)
        .thenCompose(linked -> linked.isPresent() ? runner.run(command(influence, linked.get()), requester)
            : CompletableFuture.completedFuture((Reply) new Reply.ErrorReply(Reply.ErrorKind.BAD_INPUT,
                Text.of("discord.error.noLink", memberName, word))))
        .exceptionally(CommandRunner::toError);
  }

  private static Command command(boolean influence, String handle) {
    return influence ? new Command.Influence(handle, false) : new Command.Authenticity(handle, false);
  }

  private static String string(SlashCommandInteractionEvent event, String option) {
    return event.getOption(option, OptionMapping::getAsString);
  }

  // --- autocomplete ---

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    event.replyChoiceStrings(recent.matching(event.getFocusedOption().getValue()))
        .queue(null, failed("autocomplete", event.getName()));
  }

  // --- buttons ---

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    Messages m = messages(event.getUserLocale());
    Optional<ButtonId> id = ButtonId.decode(event.getComponentId());
    if (id.isEmpty()) {
      event.reply(DiscordMessage.error(m.get("discord.error.oldButton")).toCreate()).setEphemeral(true)
          .queue(null, failed("reply", "button"));
      return;
    }
    ButtonId button = id.get();
    Requester requester = requester(event.getUser(), event.getGuild());
    CompletableFuture<Reply> answer = switch (button.action()) {
      case DETAILS -> runner.run(button.focus() == Reply.Focus.INFLUENCE
          ? new Command.Influence(button.handle().toString(), true)
          : new Command.Authenticity(button.handle().toString(), true), requester);
      case REFRESH -> runner.refresh(button.handle(), button.focus(), requester);
    };
    answer = answer.exceptionally(CommandRunner::toError);
    if (answer.isDone()) {
      DiscordMessage message = render(answer.join(), m);
      if (message.ephemeral()) {
        event.reply(message.toCreate()).setEphemeral(true).queue(null, failed("reply", "button"));
      } else {
        event.editMessage(message.toEdit()).queue(null, failed("update", "button"));
      }
      return;
    }
    event.deferEdit().queue(null, failed("defer", "button"));
    InteractionHook hook = event.getHook();
    track(answer.thenCompose(reply -> {
      DiscordMessage message = render(reply, m);
      return message.ephemeral() ? hook.sendMessage(message.toCreate()).setEphemeral(true).submit()
          : hook.editOriginal(message.toEdit()).submit();
    }), "edit", "button");
  }

  private void track(CompletableFuture<?> sending, String what, String command) {
    inFlight.add(sending);
    sending.whenComplete((done, error) -> {
      inFlight.remove(sending);
      if (error != null) {
        failed(what, command).accept(error);
      }
    });
  }

  /** Waits up to {@code grace} for deferred answers to be computed and sent; true when none is left. */
  boolean drain(Duration grace) throws InterruptedException {
    try {
      // A failed answer is already logged; it must not end the wait for the others.
      CompletableFuture.allOf(inFlight.stream().map(f -> f.exceptionally(error -> null))
          .toArray(CompletableFuture[]::new)).get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("{} answers were still pending after {} s; they are dropped", inFlight.size(), grace.toSeconds());
      return false;
    }
  }

  // --- shared ---

  private DiscordMessage render(Reply reply, Messages m) {
    if (reply instanceof Reply.SummaryReply r) {
      remember(r.lookup().summary().handle());
    } else if (reply instanceof Reply.CompareReply r) {
      remember(r.first().summary().handle());
      remember(r.second().summary().handle());
    }
    return embeds.render(reply, m);
  }

  /** Remembers a handle in the form that parses back to it, for autocomplete. */
  private void remember(Handle handle) {
    boolean onDefault = handle.network().map(n -> n.equals(runner.service().options().defaultNetwork())).orElse(true);
    recent.add(onDefault ? handle.display() : handle.toString());
  }

  private static CompletableFuture<Reply> error(Reply.ErrorKind kind, Text text) {
    return CompletableFuture.completedFuture(new Reply.ErrorReply(kind, text));
  }

  static Messages messages(DiscordLocale locale) {
    return locale == null ? Messages.english() : Messages.forTag(locale.getLocale());
  }

  private static Requester requester(User user, Guild guild) {
    String scope = guild != null ? "discord:guild:" + guild.getId() : "discord:dm:" + user.getId();
    return new Requester("discord:" + user.getId(), scope);
  }

  private static Consumer<Throwable> failed(String what, String command) {
    return error -> LOG.warn("could not {} to /{}: {}", what, command, error.toString());
  }
}

package org.influencebot.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.MessageEmbed;
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
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Requester;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.influencebot.store.LinkedHandle;
import org.influencebot.store.Member;
import org.influencebot.store.Platform;
import org.influencebot.store.Scope;
import org.influencebot.store.ScopeSettings;
import org.influencebot.store.SettingKey;
import org.influencebot.store.SettingsReplies;
import org.influencebot.store.Store;
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
  private final Store store;
  private final SettingsReplies settingsReplies;
  private final Supplier<String> debugReport;
  private final Optional<String> ownerId;
  private final Executor storeThread;
  private final RecentHandles recent;
  private final OptionalLong devGuild;
  private final ServerCooldowns cooldowns;
  /** Answers still being computed or sent: shutdown waits for them, so no deferred reply is left thinking. */
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * @param storeThread where the store is read and written: never JDA's event thread
   * @param ownerId the only user {@code /influence-debug} answers
   */
  InteractionListener(CommandRunner runner, DiscordEmbeds embeds, Store store, Supplier<String> debugReport,
      Optional<String> ownerId, Executor storeThread, RecentHandles recent, OptionalLong devGuild) {
    this.runner = runner;
    this.embeds = embeds;
    this.store = store;
    this.settingsReplies = new SettingsReplies(store);
    this.debugReport = debugReport;
    this.ownerId = ownerId;
    this.storeThread = storeThread;
    this.recent = recent;
    this.devGuild = devGuild;
    this.cooldowns = new ServerCooldowns(runner.service().clock());
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
    inPlace(event, event.getName(), place -> slash(event, place));
  }

  /**
   * Runs {@code then} with the place of the interaction. A server's settings are read on the store's
   * thread, never on JDA's, and the interaction goes on from there.
   */
  private void inPlace(IReplyCallback event, String command, Consumer<Place> then) {
    Guild guild = event.getGuild();
    if (guild == null) {
      then.accept(Place.directMessage());
      return;
    }
    Scope scope = Scope.discordServer(guild.getId());
    track(CompletableFuture.supplyAsync(() -> store.settings().settingsOf(scope), storeThread)
        .handle((settings, error) -> {
          Throwable failure = error;
          if (failure == null) {
            try {
              then.accept(Place.server(scope, settings));
            } catch (RuntimeException e) {
              failure = e;
            }
          }
          if (failure != null) {
            // The store cannot be read (or a bug): a sentence, rather than answering against the moderators' settings.
            DiscordMessage message = render(CommandRunner.toError(failure), messages(event.getUserLocale()));
            event.reply(message.toCreate()).setEphemeral(true).queue(null, failed("reply", command));
          }
          return null;
        }), "answer", command);
  }

  private void slash(SlashCommandInteractionEvent event, Place place) {
    Messages m = place.messages(event.getUserLocale());
    String name = event.getName();
    if (name.equals(SlashCommands.SETTINGS) || name.equals(SlashCommands.DEBUG)) {
      // Moderators and the owner may use these anywhere, whatever the server's channels and commands.
      replyPrivately(event, name, () -> name.equals(SlashCommands.DEBUG) ? debug(event, m) : settings(event, place, m));
      return;
    }
    Optional<DiscordMessage> refusal = refusal(event.getChannelId(), commandWord(name), place, event.getUser(), m);
    if (refusal.isPresent()) {
      event.reply(refusal.get().toCreate()).setEphemeral(true).queue(null, failed("reply", name));
      return;
    }
    if (name.equals(SlashCommands.LINK) || name.equals(SlashCommands.UNLINK)) {
      replyPrivately(event, name, () -> link(event, name.equals(SlashCommands.LINK), place, m));
      return;
    }
    Requester requester = place.requester(event.getUser());
    CompletableFuture<Reply> answer;
    try {
      answer = answer(event, m, requester);
    } catch (RuntimeException e) {
      answer = CompletableFuture.completedFuture(CommandRunner.toError(e));
    }
    // The runner never fails a future, but a bug here must still end in a sentence, not a silent timeout.
    answer = answer.exceptionally(CommandRunner::toError);
    boolean privately = place.privateReplies();
    if (answer.isDone() && embeds.rendersAtOnce(answer.join(), m)) {
      DiscordMessage message = render(answer.join(), m);
      event.reply(message.toCreate()).setEphemeral(privately || message.ephemeral())
          .queue(null, failed("reply", event.getName()));
      return;
    }
    event.deferReply(privately).queue(null, failed("defer", event.getName()));
    InteractionHook hook = event.getHook();
    track(answer.thenCompose(reply -> {
      DiscordMessage message = render(reply, m);
      if (message.ephemeral() && !privately) {
        // The deferred reply is public; a sentence for the asker alone replaces it.
        return hook.sendMessage(message.toCreate()).setEphemeral(true).submit()
            .thenCompose(sent -> hook.deleteOriginal().submit()).thenApply(done -> (Object) done);
      }
      return hook.editOriginal(message.toEdit()).submit().thenApply(edited -> (Object) edited);
    }), "edit", event.getName());
  }

  /**
   * Why this server does not answer this command here, if it does not: outside its answer
   * channels, a command its moderators turned off, or a member asking again within the cooldown.
   *
   * @param word the command as the settings name it ({@code influence}, {@code link}); help is always on
   */
  private Optional<DiscordMessage> refusal(String channelId, String word, Place place, User user, Messages m) {
    if (place.settings().isEmpty()) {
      return Optional.empty();
    }
    ScopeSettings settings = place.settings().get();
    if (!settings.answersIn(channelId)) {
      // Channel mentions never ping, and ids come from the store's validation: no escaping, so they show as links.
      String channels = settings.answerChannels().stream().sorted().map(id -> "<#" + id + ">")
          .collect(Collectors.joining(", "));
      return Optional.of(new DiscordMessage(m.get("discord.error.otherChannel", channels), List.of(), List.of(),
          Optional.empty(), true));
    }
    if (word.equals(Command.Name.HELP.word())) {
      return Optional.empty();
    }
    if (!settings.isEnabled(word)) {
      return Optional.of(DiscordMessage.error(m.get("discord.error.disabled", word)));
    }
    if (!word.equals(Command.Name.LINK.word())) {
      OptionalLong wait = cooldowns.tryLookup(place.server().orElseThrow().id(), user.getId(), settings.cooldown());
      if (wait.isPresent()) {
        return Optional.of(DiscordMessage.error(m.get("error.rateLimited", wait.getAsLong())));
      }
    }
    return Optional.empty();
  }

  /** The name a command has in the settings' list of commands. */
  private static String commandWord(String slashName) {
    return slashName.equals(SlashCommands.LINK) || slashName.equals(SlashCommands.UNLINK) ? Command.Name.LINK.word()
        : slashName;
  }

  /** Answers on the store's thread (the work reads or writes the store), for the asker alone. */
  private void replyPrivately(SlashCommandInteractionEvent event, String command, Supplier<DiscordMessage> work) {
    Messages fallback = messages(event.getUserLocale());
    track(CompletableFuture.supplyAsync(() -> {
      try {
        return work.get();
      } catch (RuntimeException e) {
        return render(CommandRunner.toError(e), fallback);
      }
    }, storeThread).thenCompose(message -> event.reply(message.toCreate()).setEphemeral(true).submit()),
        "reply", command);
  }

  // --- members' links ---

  private DiscordMessage link(SlashCommandInteractionEvent event, boolean linking, Place place, Messages m) {
    Member member = new Member(Platform.DISCORD, event.getUser().getId());
    if (!linking) {
      return DiscordMessage.note(m.get(store.links().unlink(member) ? "link.removed" : "discord.link.none"));
    }
    String typed = string(event, SlashCommands.HANDLE);
    if (typed == null) {
      return DiscordMessage.note(store.links().linkOf(member)
          .map(linked -> m.get("discord.link.show", linked.handle())).orElseGet(() -> m.get("discord.link.none")));
    }
    Handle handle;
    try {
      handle = HandleParser.parse(typed);
    } catch (InvalidHandleException e) {
      return DiscordMessage.note(m.format(e.reason()));
    }
    // "@alice" typed on a server means alice on that server's network, wherever it is asked about later.
    Handle stored = place.settings().map(s -> handle.orOn(s.defaultNetwork())).orElse(handle);
    store.links().link(member, stored.toString());
    return DiscordMessage.note(m.get("discord.link.done", stored.toString()));
  }

  // --- moderators ---

  private DiscordMessage settings(SlashCommandInteractionEvent event, Place place, Messages m) {
    if (place.server().isEmpty()) {
      return DiscordMessage.note(m.get("discord.settings.serverOnly"));
    }
    net.dv8tion.jda.api.entities.Member asker = event.getMember();
    // Discord hides the command from others by default, but a server can give it to anyone: check again.
    if (asker == null || !asker.hasPermission(Permission.MANAGE_SERVER)) {
      return DiscordMessage.note(m.get("settings.refused"));
    }
    Scope scope = place.server().get();
    String key = string(event, SlashCommands.KEY);
    String value = string(event, SlashCommands.VALUE);
    User unlink = event.getOption(SlashCommands.UNLINK_MEMBER, OptionMapping::getAsUser);
    List<String> said = new ArrayList<>();
    if (unlink != null) {
      boolean removed = store.links().removeByModerator(scope, event.getUser().getId(),
          new Member(Platform.DISCORD, unlink.getId()));
      said.add(m.get(removed ? "discord.settings.unlinked" : "discord.settings.notLinked", unlink.getEffectiveName()));
    }
    if (key != null && value != null) {
      said.add(settingsReplies.change(scope, event.getUser().getId(), key, value, m));
    } else if (key != null || value != null) {
      said.add(m.get("discord.settings.valueMissing"));
    } else if (unlink == null) {
      String keys = SettingKey.allKeys();
      said.add(settingsReplies.show(scope, m).replace(m.get("settings.howTo", keys), m.get("discord.settings.howTo", keys)));
    }
    return DiscordMessage.note(String.join("\n", said));
  }

  // --- the owner ---

  private DiscordMessage debug(SlashCommandInteractionEvent event, Messages m) {
    if (ownerId.isEmpty() || !ownerId.get().equals(event.getUser().getId())) {
      return DiscordMessage.note(m.get("debug.refused"));
    }
    // A code block keeps the report's layout; a fence inside it would end the block early.
    String report = DiscordText.unmentionable(debugReport.get()).replace("```", "``\u200B`");
    String fence = "```\n";
    String body = DiscordText.clip(report, MessageEmbed.DESCRIPTION_MAX_LENGTH - 2 * fence.length());
    MessageEmbed embed = new EmbedBuilder().setTitle(m.get("discord.debug.title"))
        .setDescription(fence + body + "\n```").build();
    return new DiscordMessage("", List.of(embed), List.of(), Optional.empty(), true);
  }

  // --- lookups ---

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
    return CompletableFuture.supplyAsync(() -> store.links().linkOf(new Member(Platform.DISCORD, member.getId()))
            .map(LinkedHandle::handle), storeThread)
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
    inPlace(event, "button", place -> button(event, place));
  }

  private void button(ButtonInteractionEvent event, Place place) {
    Messages m = place.messages(event.getUserLocale());
    Optional<ButtonId> id = ButtonId.decode(event.getComponentId());
    if (id.isEmpty()) {
      event.reply(DiscordMessage.error(m.get("discord.error.oldButton")).toCreate()).setEphemeral(true)
          .queue(null, failed("reply", "button"));
      return;
    }
    ButtonId button = id.get();
    String word = button.focus() == Reply.Focus.INFLUENCE ? Command.Name.INFLUENCE.word()
        : Command.Name.AUTHENTICITY.word();
    if (place.settings().isPresent() && !place.settings().get().isEnabled(word)) {
      event.reply(DiscordMessage.error(m.get("discord.error.disabled", word)).toCreate()).setEphemeral(true)
          .queue(null, failed("reply", "button"));
      return;
    }
    Requester requester = place.requester(event.getUser());
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

  private static Consumer<Throwable> failed(String what, String command) {
    return error -> LOG.warn("could not {} to /{}: {}", what, command, error.toString());
  }
}

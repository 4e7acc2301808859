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
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.influencebot.core.command.Answer;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Permissions;
import org.influencebot.core.command.Requester;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Discord interactions into core commands and renders the core's answers, within Discord's 3
 * seconds: at once when the answer is ready (a cached summary, help, a note, an error), else by
 * deferring first and editing the reply when the core's future completes. JDA's event thread only
 * reads the interaction; the core (which may read the store) runs on the adapter's own threads, and a
 * deferred reply is rendered (its chart drawn) on others still, so that drawing never holds an
 * acknowledgement. No command is implemented here: what each one does is the core's {@link CommandRunner}.
 */
final class InteractionListener extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(InteractionListener.class);
  static final String PLATFORM = "discord";

  private final CommandRunner runner;
  private final DiscordEmbeds embeds;
  private final Optional<String> ownerId;
  private final Executor storeThread;
  private final Executor renders;
  private final OptionalLong devGuild;
  /** Answers still being computed or sent: shutdown waits for them, so no deferred reply is left thinking. */
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * @param storeThread where the core runs commands (it may read the store) and immediate replies are sent:
   *     never JDA's event thread
   * @param renders where a deferred reply is rendered (its chart drawn): never the threads that acknowledge
   * @param ownerId the bot's owner, the only user {@code /influence-debug} answers
   */
  InteractionListener(CommandRunner runner, DiscordEmbeds embeds, Optional<String> ownerId, Executor storeThread,
      Executor renders, OptionalLong devGuild) {
    this.runner = runner;
    this.embeds = embeds;
    this.ownerId = ownerId;
    this.storeThread = storeThread;
    this.renders = renders;
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

  // --- who asks ---

  /** The asker, where they ask, and what Discord lets them do there. */
  private Requester requester(Interaction event) {
    Guild guild = event.getGuild();
    User user = event.getUser();
    // Discord hides /influence-settings from others by default, but a server can give it to anyone: check here.
    boolean moderator = moderator(event);
    boolean owner = ownerId.isPresent() && ownerId.get().equals(user.getId());
    String channel = event.getChannelId() == null ? "" : event.getChannelId();
    return new Requester(PLATFORM, user.getId(), Optional.ofNullable(guild).map(Guild::getId), channel,
        guild == null, Permissions.of(moderator, owner));
  }

  // --- slash commands ---

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    List<Command> commands = commands(event);
    Requester requester = requester(event);
    // A command that reads or writes the store (SQLite may wait 5 s for a lock, the pool 10 s for a
    // connection) is acknowledged first, here, before the store is reached.
    Optional<Boolean> deferred = Optional.empty();
    if (commands.stream().anyMatch(InteractionListener::waitsForTheStore)) {
      // Links and settings are said to the asker alone; a member's summary (user:) may be public, and so is a
      // moderator's member audit (its aggregates: a refusal to others stays theirs alone).
      boolean forAskerAlone = commands.stream().noneMatch(c -> c instanceof Command.Linked
          || (c instanceof Command.AuditMembers && moderator(event)));
      event.deferReply(forAskerAlone).queue(null, failed("defer", event.getName()));
      deferred = Optional.of(forAskerAlone);
    }
    Optional<Boolean> deferredHidden = deferred;
    track(CompletableFuture.runAsync(() -> {
      if (commands.size() == 1) {
        answer(event, runner.answer(commands.get(0), requester), false, deferredHidden);
      } else {
        // A moderator removing a link and changing a setting at once: one note saying both.
        List<Answer> answers = commands.stream().map(c -> runner.answer(c, requester)).toList();
        CompletableFuture<Reply> both = answers.get(0).reply().thenCombine(answers.get(1).reply(), this::joined);
        answer(event, new Answer(both, false, answers.get(0).language()), false, deferredHidden);
      }
    }, storeThread), "answer", event.getName());
  }

  /**
   * Commands that reach the store beyond the chat's remembered rules (links, settings, a member's link), or take
   * seconds (a member audit reads every member of the server first): acknowledged before anything else.
   */
  static boolean waitsForTheStore(Command command) {
    return command instanceof Command.Link || command instanceof Command.ShowLink || command instanceof Command.Unlink
        || command instanceof Command.RemoveLink || command instanceof Command.Settings
        || command instanceof Command.Linked || command instanceof Command.AuditMembers;
  }

  private static boolean moderator(Interaction event) {
    net.dv8tion.jda.api.entities.Member member = event.getMember();
    return event.getGuild() != null && member != null && member.hasPermission(Permission.MANAGE_SERVER);
  }

  private Reply joined(Reply first, Reply second) {
    if (first instanceof Reply.Note a && second instanceof Reply.Note b) {
      List<Text> lines = new ArrayList<>(a.lines());
      lines.addAll(b.lines());
      return new Reply.Note(lines);
    }
    return first instanceof Reply.Note ? second : first;
  }

  /** The interaction as the core's commands (two when a moderator both removes a link and changes a setting). */
  private static List<Command> commands(SlashCommandInteractionEvent event) {
    String name = event.getName();
    String handle = string(event, SlashCommands.HANDLE);
    switch (name) {
      case SlashCommands.SETTINGS -> {
        User unlink = event.getOption(SlashCommands.UNLINK_MEMBER, OptionMapping::getAsUser);
        String key = string(event, SlashCommands.KEY);
        String value = string(event, SlashCommands.VALUE);
        Command settings = new Command.Settings(Optional.ofNullable(key), Optional.ofNullable(value));
        if (unlink == null) {
          return List.of(settings);
        }
        Command remove = new Command.RemoveLink(new Command.Person(unlink.getId(), unlink.getEffectiveName()));
        return key == null && value == null ? List.of(remove) : List.of(remove, settings);
      }
      case SlashCommands.DEBUG -> {
        return List.of(new Command.Debug());
      }
      case SlashCommands.LINK -> {
        return List.of(handle == null ? new Command.ShowLink() : new Command.Link(handle));
      }
      case SlashCommands.UNLINK -> {
        return List.of(new Command.Unlink());
      }
      case SlashCommands.MEMBERS -> {
        Boolean list = event.getOption(SlashCommands.LIST, OptionMapping::getAsBoolean);
        return List.of(new Command.AuditMembers(Boolean.TRUE.equals(list)));
      }
      default -> {
        return List.of(lookup(event, name, handle));
      }
    }
  }

  private static Command lookup(SlashCommandInteractionEvent event, String name, String handle) {
    if (name.equals(Command.Name.HELP.word())) {
      return new Command.Help();
    }
    if (name.equals(Command.Name.COMPARE.word())) {
      return new Command.Compare(string(event, SlashCommands.FIRST), string(event, SlashCommands.SECOND));
    }
    boolean influence = name.equals(Command.Name.INFLUENCE.word());
    if (!influence && !name.equals(Command.Name.AUTHENTICITY.word())) {
      return new Command.Invalid(Text.of("command.error.unknown", name));
    }
    Text word = Text.of("discord.command." + name + ".name");
    User member = event.getOption(SlashCommands.USER, OptionMapping::getAsUser);
    if (handle != null && member != null) {
      return new Command.Invalid(Text.of("discord.error.handleAndUser", word));
    }
    if (handle == null && member == null) {
      return new Command.Invalid(Text.of("discord.error.missingHandle", word));
    }
    if (member != null) {
      return new Command.Linked(influence ? Reply.Focus.INFLUENCE : Reply.Focus.AUTHENTICITY, false,
          Optional.of(new Command.Person(member.getId(), member.getEffectiveName())));
    }
    return influence ? new Command.Influence(handle, false) : new Command.Authenticity(handle, false);
  }

  /**
   * Sends the answer to a slash command (or, with {@code button}, to a button under a summary): at
   * once when it renders without waiting, else deferred and edited in. {@code deferred}: whether the
   * interaction was already deferred, and then whether for the asker alone.
   */
  private void answer(IReplyCallback event, Answer answer, boolean button, Optional<Boolean> deferred) {
    Messages m = answer.messages(messages(event.getUserLocale()));
    String what = button ? "button" : commandName(event);
    CompletableFuture<Reply> reply = answer.reply();
    boolean privately = answer.privately();
    boolean deferredHidden = deferred.orElse(privately);
    if (deferred.isEmpty() && reply.isDone() && embeds.rendersAtOnce(reply.join(), m)) {
      DiscordMessage message = embeds.render(reply.join(), m, runner.buttons());
      if (button && !message.ephemeral() && event instanceof ButtonInteractionEvent press) {
        press.editMessage(message.toEdit()).queue(null, failed("update", what));
      } else {
        event.reply(message.toCreate()).setEphemeral(privately || message.ephemeral()).queue(null, failed("reply", what));
      }
      return;
    }
    if (deferred.isEmpty()) { // else acknowledged already, before the store was reached
      if (button && event instanceof ButtonInteractionEvent press) {
        press.deferEdit().queue(null, failed("defer", what));
      } else {
        event.deferReply(privately).queue(null, failed("defer", what));
      }
    }
    InteractionHook hook = event.getHook();
    // Rendered on its own threads: a chart being drawn (here or for another reader) never holds the
    // threads that acknowledge the next interactions.
    track(reply.thenComposeAsync(r -> {
      DiscordMessage message = embeds.render(r, m, runner.buttons());
      if (message.ephemeral() && button) {
        return hook.sendMessage(message.toCreate()).setEphemeral(true).submit().thenApply(sent -> (Object) sent);
      }
      if ((message.ephemeral() || privately) && !deferredHidden) {
        // The deferred reply is public; a sentence for the asker alone replaces it.
        return hook.sendMessage(message.toCreate()).setEphemeral(true).submit()
            .thenCompose(sent -> hook.deleteOriginal().submit()).thenApply(done -> (Object) done);
      }
      Optional<DiscordMessage> list = embeds.memberList(r, m);
      CompletableFuture<Object> edited = hook.editOriginal(message.toEdit()).submit().thenApply(e -> (Object) e);
      // The members' list goes to the moderator alone, after the channel's aggregates.
      return list.isEmpty() ? edited : edited.thenCompose(e -> hook.sendMessage(list.get().toCreate())
          .setEphemeral(true).submit().thenApply(sent -> (Object) sent));
    }, renders), "edit", what);
  }

  private static String commandName(IReplyCallback event) {
    return event instanceof SlashCommandInteractionEvent s ? s.getName() : "interaction";
  }

  private static String string(SlashCommandInteractionEvent event, String option) {
    return event.getOption(option, OptionMapping::getAsString);
  }

  // --- autocomplete ---

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    event.replyChoiceStrings(runner.suggestions(requester(event), event.getFocusedOption().getValue()))
        .queue(null, failed("autocomplete", event.getName()));
  }

  // --- buttons ---

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    Requester requester = requester(event);
    Command command = runner.buttons().decode(event.getComponentId()).<Command>map(Command.Press::new)
        .orElseGet(() -> new Command.Invalid(Text.of("discord.error.oldButton")));
    track(CompletableFuture.runAsync(() -> answer(event, runner.answer(command, requester), true, Optional.empty()),
        storeThread),
        "answer", "button");
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
    long deadline = System.nanoTime() + grace.toNanos();
    // An answer computed on the store thread tracks its own sending when it runs: wait until none is left,
    // not only for those tracked when closing began.
    while (!inFlight.isEmpty()) {
      try {
        // A failed answer is already logged; it must not end the wait for the others.
        CompletableFuture.allOf(inFlight.stream().map(f -> f.exceptionally(error -> null))
            .toArray(CompletableFuture[]::new)).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        LOG.warn("{} answers were still pending after {} s; they are dropped", inFlight.size(), grace.toSeconds());
        return false;
      }
    }
    return true;
  }

  /** The user's own language, in Discord's words for the core's sentences. */
  static Messages messages(DiscordLocale locale) {
    return (locale == null ? Messages.english() : Messages.forTag(locale.getLocale())).dialect(PLATFORM);
  }

  private static Consumer<Throwable> failed(String what, String command) {
    return error -> LOG.warn("could not {} to /{}: {}", what, command, error.toString());
  }
}

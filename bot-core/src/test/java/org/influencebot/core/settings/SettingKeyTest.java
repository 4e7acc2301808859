package org.influencebot.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingKeyTest {
  static final SettingRules RULES = SettingRules.standard();

  static ScopeSettings applied(String key, String typed) {
    SettingKey setting = SettingKey.named(key);
    return setting.apply(RULES.defaults(), setting.check(typed, RULES), RULES);
  }

  @Test
  void keysAreFoundIgnoringCaseAndUnderscores() {
    assertThat(SettingKey.named(" Private_Replies ")).isEqualTo(SettingKey.PRIVATE_REPLIES);
  }

  @Test
  void theLanguageIsEnglishFrenchOrEachUsersOwn() {
    assertThat(applied("language", "Français").language()).contains(Locale.FRENCH);
    assertThat(applied("language", "EN").language()).contains(Locale.ENGLISH);
    assertThat(applied("language", "auto").language()).isEmpty();
    assertThatThrownBy(() -> applied("language", "de"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("\"de\" is not a valid value for language: use en, fr or auto (follow each user's language).")
        .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("language"));
  }

  @Test
  void privateRepliesTakeOnOrOff() {
    assertThat(applied("private-replies", "yes").privateReplies()).isTrue();
    assertThat(applied("private-replies", "off").privateReplies()).isFalse();
    assertThatThrownBy(() -> applied("private-replies", "maybe")).hasMessage(
        "\"maybe\" is not a valid value for private-replies: use on or off.");
  }

  @Test
  void channelsAreIdsOrMentionsOrEverywhere() {
    assertThat(applied("channels", "<#10>, -100200 10").answerChannels()).containsExactlyInAnyOrder("10", "-100200");
    assertThat(applied("channels", "everywhere").answerChannels()).isEmpty();
    assertThatThrownBy(() -> applied("channels", "10, general")).hasMessage(
        "\"general\" is not a valid value for channels: use channel or chat ids (numbers or #channel mentions) "
            + "separated by commas, or everywhere.");
  }

  @Test
  void theCooldownIsBoundedSeconds() {
    assertThat(applied("cooldown", "0").cooldown()).isZero();
    assertThat(applied("cooldown", "3600 seconds").cooldown()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> applied("cooldown", "3601"))
        .hasMessage("\"3601\" is not a valid value for cooldown: use a whole number of seconds from 0 to 3600.");
    assertThatThrownBy(() -> applied("cooldown", "-1")).isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void networkSourceAndCommandsComeFromTheRules() {
    assertThat(applied("network", "MASTODON").defaultNetwork()).isEqualTo("mastodon");
    assertThat(applied("commands", "all").enabledCommands()).isEqualTo(RULES.commands());
    assertThatThrownBy(() -> applied("network", "myspace")).hasMessage(
        "\"myspace\" is not a valid value for network: use bluesky, discord, file, instagram, mastodon, sample, telegram, twitter.");
    assertThatThrownBy(() -> applied("commands", "compare, nuke")).hasMessageStartingWith(
        "\"nuke\" is not a valid value for commands: use all, or command names separated by commas among ");
  }

  @Test
  void anEmptyValueIsRefusedWithTheValidOnes() {
    assertThatThrownBy(() -> SettingKey.NETWORK.check("  ", RULES))
        .hasMessage("The setting network needs a value: bluesky, discord, file, instagram, mastodon, sample, telegram, twitter.");
  }

  @Test
  void sourceIsNoSettingAnyMore() {
    // It was stored and shown but acted nowhere: a chat's network already picks where metrics come from.
    assertThatThrownBy(() -> SettingKey.named("source")).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("the settings are language, private-replies, channels, cooldown, network, commands.");
  }

  @Test
  void aStoredValueALaterVersionNoLongerKnowsFallsBackInsteadOfFailing() {
    ScopeSettings settings = SettingKey.COMMANDS.apply(RULES.defaults(), "compare,retired-command", RULES);
    assertThat(settings.enabledCommands()).containsExactly("compare");
    assertThat(SettingKey.NETWORK.apply(RULES.defaults(), "myspace", RULES).defaultNetwork()).isEqualTo("sample");
  }

  @Test
  void rulesRefuseDefaultsOutsideThemselves() {
    ScopeSettings defaults = new ScopeSettings(Optional.empty(), false, Set.of(), Duration.ZERO, "myspace", Set.of());
    assertThatThrownBy(() -> new SettingRules(RULES.networks(), RULES.commands(), Duration.ofHours(1), defaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("myspace");
  }
}

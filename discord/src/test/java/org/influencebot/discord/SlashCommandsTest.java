package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.influencebot.core.settings.SettingKey;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {
  @Test
  void everySettingKeyChoiceHasAFrenchNameAndKeepsItsKeyAsValue() {
    SlashCommandData settings = SlashCommands.all().stream().filter(c -> c.getName().equals(SlashCommands.SETTINGS))
        .map(SlashCommandData.class::cast).findFirst().orElseThrow();
    List<Command.Choice> choices = settings.getOptions().stream().filter(o -> o.getName().equals(SlashCommands.KEY))
        .findFirst().orElseThrow().getChoices();
    assertThat(choices).extracting(Command.Choice::getAsString)
        .containsExactly(java.util.Arrays.stream(SettingKey.values()).map(SettingKey::key).toArray(String[]::new));
    assertThat(choices).allSatisfy(c -> assertThat(c.getNameLocalizations().get(DiscordLocale.FRENCH))
        .isNotBlank().doesNotStartWith("discord.setting"));
    assertThat(choices).filteredOn(c -> c.getAsString().equals("language"))
        .singleElement().satisfies(c -> assertThat(c.getNameLocalizations().get(DiscordLocale.FRENCH)).isEqualTo("langue"));
  }
}

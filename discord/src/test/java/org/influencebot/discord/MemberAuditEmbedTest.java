package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.influencebot.core.command.Button;
import org.influencebot.core.members.MemberAuditor;
import org.influencebot.core.members.MemberAudits;
import org.influencebot.core.members.MemberRoster;
import org.influencebot.core.members.MemoryMemberLog;
import org.influencebot.core.members.SyntheticCommunity;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

/** A member audit as Discord shows it: within every embed limit, whatever the waves; the list apart, by id. */
class MemberAuditEmbedTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] PNG = DiscordBotEndToEndTest.PNG;
  private final DiscordEmbeds embeds = new DiscordEmbeds(CLOCK, s -> Optional.empty())
      .withJoinsChart((r, m) -> Optional.of(PNG));

  private static MemberAudits.CommunityAudit audit(List<SyntheticCommunity.Burst> bursts, double perDay) {
    SyntheticCommunity.Built built = SyntheticCommunity.build(5, NOW, perDay, 400, bursts);
    MemberAudits audits = new MemberAudits(new MemberAuditor(), new MemoryMemberLog(), CLOCK, Runnable::run);
    return audits.auditNow("discord", "g", new MemberRoster.Roster(built.members(), OptionalInt.empty(),
        Optional.empty(), MemberRoster.Kind.ALL_MEMBERS));
  }

  private static void assertWithinLimits(MessageEmbed e) {
    assertThat(e.getTitle()).hasSizeLessThanOrEqualTo(256);
    assertThat(e.getDescription()).hasSizeLessThanOrEqualTo(4096);
    assertThat(e.getFields()).hasSizeLessThanOrEqualTo(25);
    for (MessageEmbed.Field f : e.getFields()) {
      assertThat(f.getName()).hasSizeLessThanOrEqualTo(256);
      assertThat(f.getValue()).hasSizeLessThanOrEqualTo(1024).isNotEmpty();
    }
    assertThat(e.getFooter().getText()).hasSizeLessThanOrEqualTo(2048);
    assertThat(e.getLength()).isLessThanOrEqualTo(6000);
    assertThat(e.isSendable()).isTrue();
  }

  @Test
  void manyWavesStayWithinEveryEmbedLimitWithTheChartAttachedAndNoMemberNamed() {
    List<SyntheticCommunity.Burst> bursts = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      bursts.add(SyntheticCommunity.Burst.bought(3 + 11 * d + 0.3, 300, 20));
    }
    MemberAudits.CommunityAudit audit = audit(bursts, 15);
    assertThat(audit.report().waves()).hasSizeGreaterThan(10);
    for (Messages m : List.of(Messages.english().dialect("discord"), Messages.forTag("fr").dialect("discord"))) {
      DiscordMessage message = embeds.render(new Reply.MemberAuditReply(audit, false), m, new Button.Codec());
      assertThat(message.ephemeral()).isFalse();
      assertThat(message.chart()).contains(PNG);
      MessageEmbed e = message.embeds().get(0);
      assertWithinLimits(e);
      assertThat(e.getImage().getUrl()).isEqualTo("attachment://chart.png");
      assertThat(e.getFields()).isNotEmpty();
      assertThat(e.getFields().get(0).getValue()).startsWith("• ");
      String all = e.getTitle() + e.getDescription() + e.getFields() + e.getFooter().getText();
      for (var s : audit.report().members()) {
        assertThat(all).doesNotContain(s.id());
      }
    }
  }

  @Test
  void aQuietCommunityHasNoWaveFieldAndSaysSo() {
    MemberAudits.CommunityAudit audit = audit(List.of(), 10);
    DiscordMessage message = embeds.render(new Reply.MemberAuditReply(audit, false), Messages.english(),
        new Button.Codec());
    MessageEmbed e = message.embeds().get(0);
    assertWithinLimits(e);
    assertThat(e.getFields()).isEmpty();
    assertThat(e.getDescription()).contains("No join wave");
    assertThat(e.getFooter().getText()).isEqualTo(Messages.english().get("discord.members.footer"));
    assertThat(embeds.memberList(new Reply.MemberAuditReply(audit, false), Messages.english())).isEmpty();
  }

  @Test
  void theListIsForTheModeratorAloneInTheMessageWhenShortElseAsAFile() {
    MemberAudits.CommunityAudit small = audit(List.of(), 0.05);
    Optional<DiscordMessage> shortList = embeds.memberList(new Reply.MemberAuditReply(small, true), Messages.english());
    assertThat(shortList).isPresent();
    assertThat(shortList.get().ephemeral()).isTrue();
    assertThat(shortList.get().file()).isEmpty();
    assertThat(shortList.get().content()).startsWith("Recent joiners").contains("```").hasSizeLessThanOrEqualTo(2000);

    MemberAudits.CommunityAudit big = audit(List.of(SyntheticCommunity.Burst.bought(4.3, 3000, 30)), 20);
    DiscordMessage file = embeds.memberList(new Reply.MemberAuditReply(big, true), Messages.english()).orElseThrow();
    assertThat(file.ephemeral()).isTrue();
    assertThat(file.content()).contains("is in the attached file").doesNotContain("Cut at");
    DiscordMessage.Attachment attached = file.file().orElseThrow();
    assertThat(attached.name()).isEqualTo("members.txt");
    String text = new String(attached.data(), StandardCharsets.UTF_8);
    assertThat(text.lines().skip(1)).hasSize(big.report().members().size())
        .allSatisfy(line -> assertThat(line).matches("\\d+\\t\\S+ \\S+ UTC\\t[0-9.?]+\\t[-0-9]+"));
    assertThat(file.content()).contains(Messages.english().number(big.report().members().size()));
  }
}

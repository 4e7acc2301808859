package org.influencebot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.SyntheticCommunity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditMembersCommandTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  Path community() throws Exception {
    SyntheticCommunity.Built b = SyntheticCommunity.build(1, NOW, 6, 1000,
        List.of(SyntheticCommunity.Burst.bought(9.6, 500, 20)));
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (Member m : b.members()) {
      var o = json.createObjectNode();
      o.put("id", m.id());
      o.put("joined_at", m.joinedAt().map(Object::toString).orElse(null));
      o.put("created_at", m.createdAt().map(Object::toString).orElse(null));
      o.put("has_avatar", m.hasAvatar().orElse(null));
      o.put("is_bot", m.bot().orElse(null));
      o.put("last_active_at", m.lastActiveAt().map(Object::toString).orElse(null));
      lines.add(json.writeValueAsString(o));
    }
    Path f = dir.resolve("members.jsonl");
    Files.write(f, lines);
    return f;
  }

  @Test
  void jsonCarriesTheShareAndTheWaves() throws Exception {
    Run r = run("audit-members", community().toString(), "--json", "--now", NOW.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals(30, o.get("recent_window_days").asInt());
    assertTrue(o.get("bought_share").asDouble() > 0.6, r.out());
    assertTrue(o.get("bought_share_low").asDouble() <= o.get("bought_share").asDouble());
    assertTrue(o.get("bought_share_high").asDouble() >= o.get("bought_share").asDouble());
    assertEquals(1, o.get("waves").size());
    JsonNode w = o.get("waves").get(0);
    assertTrue(w.get("size").asInt() > 450 && w.get("minutes").asInt() <= 25 && w.get("bought_share").asDouble() > 0.9, w.toString());
    assertFalse(o.has("listed_members"));
  }

  @Test
  void chartOfJoinsIsWrittenBesideTheJson() throws Exception {
    Path png = dir.resolve("joins.png");
    Run r = run("audit-members", community().toString(), "--json", "--now", NOW.toString(), "--chart", png.toString());
    assertEquals(0, r.code(), r.err());
    new ObjectMapper().readTree(r.out()); // stdout stays one JSON object
    assertTrue(r.err().contains("Chart written to"), r.err());
    var image = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(org.influencebot.core.chart.Charts.WIDTH, image.getWidth());
    Run bad = run("audit-members", community().toString(), "--now", NOW.toString(), "--chart", dir.resolve("x.gif").toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("ending in .png"), bad.err());
  }

  @Test
  void textInFrenchWithoutIdsUnlessListed() throws Exception {
    Path f = community();
    Run r = run("--lang", "fr", "audit-members", f.toString(), "--now", NOW.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("semblent achetés") && r.out().contains("Une vague d'arrivées"), r.out());
    assertFalse(r.out().contains("1000001"), r.out());
    Run listed = run("audit-members", f.toString(), "--list", "--now", NOW.toString());
    assertTrue(listed.out().contains("most bought-looking first") && listed.out().contains("\t1\n"), listed.out());
  }

  @Test
  void badFileLinesAndArgumentsAreOneSentence() throws Exception {
    Run missing = run("audit-members", dir.resolve("nope.jsonl").toString());
    assertEquals(2, missing.code());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().contains("no such file"));

    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
    Run none = run("audit-members", empty.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("holds no member"), none.err());

    Run badNow = run("audit-members", empty.toString(), "--now", "tomorrow");
    assertEquals(2, badNow.code());
    assertEquals(1, badNow.err().strip().lines().count(), badNow.err());

    Path f = community();
    Files.writeString(f, Files.readString(f) + "{\"id\": \"x\", \"joined_at\": 12}\n");
    Run bad = run("audit-members", f.toString(), "--json", "--now", NOW.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("'joined_at': must be an RFC 3339 time") && !bad.err().contains("Exception"), bad.err());
    new ObjectMapper().readTree(bad.out()); // stdout stays one JSON object
  }
}

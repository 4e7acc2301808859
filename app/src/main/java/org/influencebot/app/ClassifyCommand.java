package org.influencebot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code classify}: scores every account of a JSONL file with the shipped model. Bad lines are reported
 * on stderr (line number and field) and skipped; the exit code is then 1.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Score each account of a JSON Lines file: handle, network, fake_probability, label (fake/human).")
public final class ClassifyCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "FILE.jsonl", description = "accounts, one JSON object a line")
  Path input;

  @Option(names = "--output", paramLabel = "FILE", description = "where to write the results (default: standard output)")
  Path output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(input)) {
      err.println("classify: no such file: " + input);
      return 2;
    }
    FakeModel model = FakeModel.loadDefault();
    int[] bad = {0};
    var lines = Dataset.readLines(input, e -> {
      bad[0]++;
      err.println("classify: " + input + " " + e + " (skipped)");
    });
    ObjectMapper json = new ObjectMapper();
    Writer w = output == null
        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
        : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    try {
      for (Dataset.Line l : lines) {
        FakeAssessment a = model.assess(l.account());
        ObjectNode o = json.createObjectNode();
        o.put("handle", l.account().handle());
        if (l.account().network().isPresent()) {
          o.put("network", l.account().network().get());
        } else {
          o.putNull("network");
        }
        if (a.enoughEvidence()) {
          o.put("fake_probability", Math.round(a.fakeProbability() * 10_000) / 10_000.0);
          o.put("label", a.looksFake() ? "fake" : "human");
        } else {
          // Too little is known to judge: no probability, and no verdict about the person.
          o.putNull("fake_probability");
          o.put("label", "human");
          o.put("enough_evidence", false);
        }
        var drivers = o.putArray("drivers");
        a.drivers().forEach(drivers::add);
        w.write(json.writeValueAsString(o));
        w.write('\n');
      }
    } finally {
      if (output == null) {
        w.flush();
      } else {
        w.close();
      }
    }
    if (bad[0] > 0) {
      err.println("classify: " + bad[0] + " line(s) skipped, " + lines.size() + " account(s) scored");
      return 1;
    }
    return 0;
  }
}

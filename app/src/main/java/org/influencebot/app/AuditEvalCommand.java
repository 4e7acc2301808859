package org.influencebot.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.ModelTrainer;
import org.influencebot.core.quantify.AuditEvaluation;
import org.influencebot.core.quantify.PopulationAudits;
import org.influencebot.core.quantify.QuantifierParameters;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code audit-eval}: audits built from labeled files at known fake shares, scored by classify-and-count
 * and by each quantification method: mean absolute error, interval coverage and width, abstentions.
 */
@Command(name = "audit-eval", mixinStandardHelpOptions = true,
    description = "How well follower audits estimate a fake share: audits drawn from labeled files at known shares.")
public final class AuditEvalCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--leave-one-file-out", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
        description = "train on all labeled files of DIR but one, audit the one left out, for each (default DIR: <shared-dir>/datasets)")
    Path leaveOneFileOut;

    @Option(names = "--leave-one-population-out", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
        description = "for each population of the labeled files of DIR (the pairings of docs/evaluation.md), train the "
            + "ranking model on the files it does not use and measure its audiences against a reference drawn from it "
            + "(default DIR: <shared-dir>/datasets)")
    Path leaveOnePopulationOut;

    @Option(names = "--holdout", paramLabel = "FRACTION",
        description = "hold out this fraction of each default file, train on the rest of all of them, audit the held-out parts")
    Double holdout;

    @Option(names = "--input", split = ",", paramLabel = "FILE.jsonl",
        description = "audit these labeled files with the shipped model and parameters (in-sample for the project's own files)")
    List<Path> inputs;
  }

  @Option(names = "--shares", split = ",", defaultValue = "0,5,20,50,90", paramLabel = "PERCENT",
      description = "true fake shares of the audits, in percent (default: ${DEFAULT-VALUE})")
  List<Double> shares;

  @Option(names = "--sample-size", defaultValue = "200", description = "accounts per audit (default: ${DEFAULT-VALUE})")
  int sampleSize;

  @Option(names = "--audits", defaultValue = "20", description = "audits per share and file (default: ${DEFAULT-VALUE})")
  int audits;

  @Option(names = "--reference-size", defaultValue = "500",
      description = "accounts per reference, with --leave-one-population-out (default: ${DEFAULT-VALUE})")
  int referenceSize;

  @Option(names = "--reference-fakes", defaultValue = "5",
      description = "the reference's fake share in percent, with --leave-one-population-out (default: ${DEFAULT-VALUE})")
  double referenceFakes;

  @Mixin
  DroppedFields drop;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the audits and of training (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--shared-dir", paramLabel = "DIR", description = "the shared directory (default: -Dshared.dir, else ../shared)")
  Path sharedDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (sampleSize < 20 || audits < 1) {
      err.println("audit-eval: --sample-size must be at least 20 and --audits at least 1");
      return 2;
    }
    double[] s = new double[shares.size()];
    for (int i = 0; i < s.length; i++) {
      double v = shares.get(i);
      if (!(v >= 0 && v <= 100)) {
        err.println("audit-eval: --shares are percentages from 0 to 100, got " + v);
        return 2;
      }
      s[i] = v / 100;
    }
    OptionalInt dropped = drop.mask();
    if (dropped.isEmpty()) {
      return 2;
    }
    int dropFields = dropped.getAsInt();
    if (mode.leaveOnePopulationOut != null) {
      return populations(s, dropFields, out, err);
    }
    AuditEvaluation.Options o = new AuditEvaluation.Options(s, sampleSize, audits, seed, dropFields);
    ModelTrainer.Options mo = ModelTrainer.Options.defaults(seed);
    List<AuditEvaluation.Part> parts = new ArrayList<>();
    List<AuditEvaluation.UnseenFakes> unseen = List.of();
    try {
      if (mode.inputs != null) {
        FakeModel model = FakeModel.loadDefault();
        QuantifierParameters params = QuantifierParameters.loadDefault();
        for (Path f : mode.inputs) {
          Dataset d = LabeledFiles.read("audit-eval", f, err);
          if (d == null) {
            return 2;
          }
          parts.add(AuditEvaluation.audit(d, AuditEvaluation.estimators(model, params), o,
              "shipped " + model.name() + " and " + params.version() + ", audits from " + d.name()
                  + " (in-sample if it is one of the training files)"));
        }
      } else {
        List<Path> files;
        if (mode.holdout != null) {
          if (!(mode.holdout > 0 && mode.holdout < 1)) {
            err.println("audit-eval: --holdout is a fraction between 0 and 1, got " + mode.holdout);
            return 2;
          }
          files = org.influencebot.core.fake.evaluation.ShippedModel.defaultFiles(SharedDir.resolve(sharedDir));
        } else {
          Path dir = mode.leaveOneFileOut.toString().isEmpty()
              ? SharedDir.resolve(sharedDir).resolve("datasets") : mode.leaveOneFileOut;
          if (!Files.isDirectory(dir)) {
            err.println("audit-eval: no such directory: " + dir + LabeledFiles.SHARED_DIR_HINT);
            return 2;
          }
          try (Stream<Path> l = Files.list(dir)) {
            files = l.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
          }
          if (files.size() < 2) {
            err.println("audit-eval: leave-one-file-out needs at least two .jsonl files in " + dir + ", found " + files.size());
            return 2;
          }
        }
        List<Dataset> sets = LabeledFiles.readAll("audit-eval", files, err);
        if (sets == null) {
          return 2;
        }
        parts.addAll(mode.holdout != null ? AuditEvaluation.holdout(sets, mode.holdout, mo, o)
            : AuditEvaluation.leaveOneFileOut(sets, mo, o));
        if (mode.holdout == null) {
          unseen = AuditEvaluation.unseenFakes(sets, mo);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("audit-eval: " + e.getMessage());
      return 2;
    }
    if (parts.size() > 1) {
      parts.add(AuditEvaluation.pooled(parts));
    }
    out.println("audits of " + sampleSize + " accounts, " + audits + " per share and file, seed " + seed
        + DroppedFields.without(dropFields)
        + "; error, coverage, width and max reported are over the audits not abstained on");
    out.println();
    out.print(AuditEvaluation.table(parts));
    if (!unseen.isEmpty()) {
      String em = parts.get(0).rows().stream().map(AuditEvaluation.Row::estimator).filter(n -> n.startsWith("em"))
          .findFirst().orElseThrow();
      out.println("what " + em + " would have said had it never abstained (its abstained estimates keep their share"
          + " and widened interval):");
      out.println();
      out.print(AuditEvaluation.table(parts.stream().map(p -> AuditEvaluation.unabstained(p, em)).toList()));
      out.println("fakes of the held-out file that the model trained on the others scores below 0.15 (kinds it cannot"
          + " see):");
      out.println();
      for (AuditEvaluation.UnseenFakes u : unseen) {
        double[] ci = u.interval();
        out.println(String.format(java.util.Locale.ROOT, "- trained on %s, fakes of %s: %d of %d (%.1f%%, 95%% interval"
            + " %.1f–%.1f%%)", u.trainedOn(), u.heldOut(), u.scoredHuman(), u.fakes(), 100 * u.share(), 100 * ci[0],
            100 * ci[1]));
      }
    }
    out.flush();
    return 0;
  }

  /** {@code --leave-one-population-out}: every population measured against its own reference. */
  private int populations(double[] s, int dropFields, PrintWriter out, PrintWriter err) throws IOException {
    Path dir = mode.leaveOnePopulationOut.toString().isEmpty()
        ? SharedDir.resolve(sharedDir).resolve("datasets") : mode.leaveOnePopulationOut;
    if (!(referenceFakes >= 0 && referenceFakes < 100) || referenceSize < 50) {
      err.println("audit-eval: --reference-fakes is a percentage from 0 to 100 (exclusive) and --reference-size at least 50");
      return 2;
    }
    java.util.Map<String, Dataset> byName = new java.util.LinkedHashMap<>();
    List<PopulationAudits.Population> populations = new ArrayList<>();
    for (String[] pairing : PopulationAudits.PAIRINGS) {
      for (int i = 1; i <= 2; i++) {
        if (!byName.containsKey(pairing[i])) {
          Dataset d = LabeledFiles.accounts("audit-eval", dir.resolve(pairing[i]), LabeledFiles.SHARED_DIR_HINT, err);
          if (d == null) {
            return 2;
          }
          byName.put(pairing[i], d);
        }
      }
      populations.add(PopulationAudits.population(pairing[0], byName.get(pairing[1]), byName.get(pairing[2])));
    }
    PopulationAudits.Options o = new PopulationAudits.Options(s, sampleSize, audits, referenceSize, referenceFakes / 100,
        seed, dropFields);
    List<PopulationAudits.Part> parts = PopulationAudits.leaveOnePopulationOut(populations,
        List.copyOf(byName.values()), ModelTrainer.Options.defaults(seed), o);
    out.println("audiences of " + sampleSize + " accounts measured against a reference of at most " + referenceSize
        + " accounts of the same population (" + referenceFakes + "% fakes), " + audits + " per share and population, seed "
        + seed + DroppedFields.without(dropFields)
        + "; the ranking model is trained on the files the population does not use");
    out.println();
    out.print(PopulationAudits.table(parts));
    out.flush();
    return 0;
  }
}

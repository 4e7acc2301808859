package org.influencebot.core.reference;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.model.Dataset;

/**
 * A moderator's folder of reference samples ({@code audit.reference_dir}): one {@code <network>.jsonl} file per
 * network, each a random sample of that network's accounts in the account-metrics format, without labels
 * (a {@code label} is ignored). A file's date is the latest {@code observed_at} of its accounts, else the file's
 * modification time. Read once, when the bot starts; immutable.
 */
public final class ReferenceDirectory implements References {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

  /** A problem with the folder or one of its files, in one sentence that names it. */
  public static final class ReferenceException extends Exception {
    public ReferenceException(String message) {
      super(message);
    }
  }

  private final Map<String, Reference> byNetwork;
  private final List<String> warnings;

  private ReferenceDirectory(Map<String, Reference> byNetwork, List<String> warnings) {
    this.byNetwork = Map.copyOf(byNetwork);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads every {@code *.jsonl} file of {@code dir}. Lines that are not accounts are skipped and counted in
   * {@link #warnings()}; a missing or unreadable folder or file is an error.
   */
  public static ReferenceDirectory read(Path dir) throws ReferenceException {
    if (!Files.isDirectory(dir)) {
      throw new ReferenceException("audit.reference_dir: " + dir + " is not a folder; create it with one <network>.jsonl "
          + "file per network (a random sample of its accounts), or leave the setting empty");
    }
    Map<String, Reference> out = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ls = Files.newDirectoryStream(dir, "*.jsonl")) {
      ls.forEach(files::add);
    } catch (IOException e) {
      throw new ReferenceException("audit.reference_dir: cannot list " + dir + ": " + e.getMessage());
    }
    files.sort(null);
    for (Path f : files) {
      String file = f.getFileName().toString();
      String network = file.substring(0, file.length() - ".jsonl".length()).toLowerCase(Locale.ROOT);
      if (!NAME.matcher(network).matches()) {
        warnings.add(f + ": not a network name (use <network>.jsonl, e.g. bluesky.jsonl); skipped");
        continue;
      }
      int[] bad = {0};
      List<Dataset.Line> lines;
      try {
        lines = Dataset.readLines(f, e -> bad[0]++);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new ReferenceException("audit.reference_dir: cannot read " + f + ": " + e.getMessage());
      }
      List<Account> accounts = new ArrayList<>(lines.size());
      Instant latest = null;
      for (Dataset.Line l : lines) {
        Account a = l.account();
        accounts.add(a.network().isPresent() ? a : a.toBuilder().network(network).build());
        if (a.observedAt().isPresent() && (latest == null || a.observedAt().get().isAfter(latest))) {
          latest = a.observedAt().get();
        }
      }
      if (bad[0] > 0) {
        warnings.add(f + ": " + bad[0] + " line" + (bad[0] == 1 ? "" : "s") + " that are not accounts of the "
            + "account-metrics format, skipped");
      }
      if (latest == null) {
        try {
          FileTime t = Files.getLastModifiedTime(f);
          latest = t.toInstant();
        } catch (IOException e) {
          throw new ReferenceException("audit.reference_dir: cannot read " + f + ": " + e.getMessage());
        }
      }
      out.put(network, new Reference(network, accounts, latest, Reference.Method.FILE, f.toString()));
    }
    return new ReferenceDirectory(out, warnings);
  }

  @Override
  public Optional<Reference> find(String network) {
    return Optional.ofNullable(byNetwork.get(network));
  }

  @Override
  public List<Reference.Summary> list() {
    return byNetwork.values().stream().map(Reference::summary).toList();
  }

  /** Lines or files that were skipped, each a sentence naming the file. */
  public List<String> warnings() {
    return warnings;
  }
}

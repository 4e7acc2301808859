package org.influencebot.core.fake.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.InvalidAccountException;

/**
 * Accounts with labels (1 = fake, 0 = human), read from a JSON Lines file of the account format.
 *
 * @param name the file name, for reports
 */
public record Dataset(String name, List<Account> accounts, int[] labels) {
  public Dataset {
    accounts = List.copyOf(accounts);
    labels = labels.clone();
    if (accounts.size() != labels.length) {
      throw new IllegalArgumentException("one label per account");
    }
  }

  /** A line that could not be used, with its 1-based number and the reason (naming the field). */
  public record LineError(int line, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  /** An account read from one line, with its label if it had one. */
  public record Line(int number, Account account) {}

  /**
   * Reads every line of a JSONL file; blank lines are skipped, and a line that is not a valid account is
   * reported to {@code errors} and skipped.
   */
  public static List<Line> readLines(Path file, Consumer<LineError> errors) throws IOException {
    List<Line> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String s;
      int n = 0;
      while ((s = r.readLine()) != null) {
        n++;
        if (s.isBlank()) {
          continue;
        }
        try {
          out.add(new Line(n, AccountJson.read(s)));
        } catch (InvalidAccountException e) {
          errors.accept(new LineError(n, e.getMessage()));
        }
      }
    }
    return out;
  }

  /**
   * Reads a labeled file: lines that are invalid or whose {@code label} is not {@code human} or
   * {@code fake} are reported to {@code errors} and left out. An account without {@code observed_at} has
   * no age here: research data was read long before it is scored, so "now" would age every account by
   * years (and the scoring time of training and evaluation is not now). Its {@code created_at} is ignored,
   * and the sub-models without age score it.
   */
  public static Dataset read(Path file, Consumer<LineError> errors) throws IOException {
    List<Account> accounts = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Line l : readLines(file, errors)) {
      String label = l.account().label().orElse("");
      switch (label) {
        case "fake" -> labels.add(1);
        case "human" -> labels.add(0);
        default -> {
          errors.accept(new LineError(l.number(), "'label': must be \"human\" or \"fake\" in a labeled file"
              + (label.isEmpty() ? ", missing" : ", got \"" + label + "\"")));
          continue;
        }
      }
      Account a = l.account();
      accounts.add(a.observedAt().isPresent() || a.createdAt().isEmpty() ? a : a.toBuilder().createdAt(null).build());
    }
    return new Dataset(file.getFileName().toString(), accounts, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Reads a labeled file and fails on the first bad line. */
  public static Dataset read(Path file) throws IOException {
    List<LineError> errors = new ArrayList<>();
    Dataset d = read(file, errors::add);
    if (!errors.isEmpty()) {
      throw new IOException(file + ", " + errors.get(0));
    }
    return d;
  }

  public int size() {
    return labels.length;
  }

  public int fakes() {
    int n = 0;
    for (int v : labels) {
      n += v;
    }
    return n;
  }

  /** The accounts at these positions. */
  public Dataset subset(int[] positions, String subsetName) {
    List<Account> a = new ArrayList<>();
    int[] y = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      a.add(accounts.get(positions[i]));
      y[i] = labels[positions[i]];
    }
    return new Dataset(subsetName, a, y);
  }

  /** Both datasets in one. */
  public Dataset concat(Dataset other, String combinedName) {
    List<Account> a = new ArrayList<>(accounts);
    a.addAll(other.accounts);
    int[] y = new int[labels.length + other.labels.length];
    System.arraycopy(labels, 0, y, 0, labels.length);
    System.arraycopy(other.labels, 0, y, labels.length, other.labels.length);
    return new Dataset(combinedName, a, y);
  }

  /** All datasets in one, in order (one dataset is returned as it is). */
  public static Dataset concat(List<Dataset> sets, String combinedName) {
    Dataset all = sets.get(0);
    for (int i = 1; i < sets.size(); i++) {
      all = all.concat(sets.get(i), combinedName);
    }
    return all;
  }

  /**
   * A stratified split (same seed, same split): {@code {rest, heldOut}}, {@code heldOut} holding about
   * {@code fraction} of each label. Both keep this dataset's name.
   */
  public Dataset[] holdOut(double fraction, long seed) {
    int[] fold = Folds.stratified(labels, 1000, seed);
    List<Integer> rest = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      (fold[i] < fraction * 1000 ? held : rest).add(i);
    }
    return new Dataset[] {subset(rest.stream().mapToInt(Integer::intValue).toArray(), name),
        subset(held.stream().mapToInt(Integer::intValue).toArray(), name)};
  }

  /** The same accounts with these profile fields made unknown, as a network that does not show them. */
  public Dataset drop(int fields) {
    if (fields == 0) {
      return this;
    }
    List<Account> a = new ArrayList<>(accounts.size());
    for (Account acc : accounts) {
      a.add(dropFields(acc, fields));
    }
    return new Dataset(name, a, labels);
  }

  public static Account dropFields(Account acc, int fields) {
    Account.Builder b = acc.toBuilder();
    java.util.OptionalLong none = java.util.OptionalLong.empty();
    if ((fields & Feature.Fields.FOLLOWERS) != 0) {
      b.followers(none);
    }
    if ((fields & Feature.Fields.FOLLOWING) != 0) {
      b.following(none);
    }
    if ((fields & Feature.Fields.POSTS) != 0) {
      b.posts(none);
    }
    if ((fields & Feature.Fields.LIKES) != 0) {
      b.likes(none);
    }
    if ((fields & Feature.Fields.LISTED) != 0) {
      b.listed(none);
    }
    if ((fields & Feature.Fields.AGE) != 0) {
      b.createdAt(null);
    }
    if ((fields & Feature.Fields.AVATAR) != 0) {
      b.hasAvatar(null);
    }
    if ((fields & Feature.Fields.BIO) != 0) {
      b.bio(null);
    }
    return b.build();
  }
}

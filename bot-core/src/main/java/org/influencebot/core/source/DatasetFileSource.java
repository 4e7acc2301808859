package org.influencebot.core.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.InvalidAccountException;
import org.influencebot.core.handle.Handle;

/** Accounts from a JSON Lines file of the spec, read once at start. */
public final class DatasetFileSource implements MetricsSource {
  /** The source's name, and the network of handles typed without one when it is the default. */
  public static final String NAME = "file";
  private final Path file;
  private final AccountIndex index;

  private DatasetFileSource(Path file, List<Account> accounts) {
    this.file = file;
    this.index = new AccountIndex(NAME, accounts);
  }

  /**
   * Reads the whole file; a bad line stops with its line number and field, since a moderator's file
   * that is half read would silently answer "not found".
   */
  public static DatasetFileSource open(Path file) throws DatasetException {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file + ": no such file. Give the path of a JSON Lines file of accounts.");
    }
    List<Account> accounts = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          accounts.add(AccountJson.read(line));
        } catch (InvalidAccountException e) {
          throw new DatasetException(file + " line " + number + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return new DatasetFileSource(file, accounts);
  }

  public Path file() {
    return file;
  }

  public List<Account> accounts() {
    return index.accounts();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean serves(String network) {
    return true;
  }

  @Override
  public CompletableFuture<Account> fetch(Handle handle) {
    return index.find(handle)
        .map(CompletableFuture::completedFuture)
        .orElseGet(() -> CompletableFuture.failedFuture(new AccountNotFoundException(handle, name())));
  }

  /** A dataset file that cannot be used, with the sentence saying why. */
  public static final class DatasetException extends Exception {
    public DatasetException(String message) {
      super(message);
    }
  }
}

package org.influencebot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.InvalidAccountException;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.reference.ReferenceKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference samples in table {@code reference_sample}: one row per network, its accounts as JSON Lines in
 * the account-metrics format. A save replaces an older sample of the network, never a newer one (another
 * process may have drawn since).
 */
final class JdbcReferenceKeeper implements ReferenceKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcReferenceKeeper.class);

  private final Database database;
  private final Clock clock;

  JdbcReferenceKeeper(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public Optional<Reference> load(String network) {
    String n = network.strip().toLowerCase(Locale.ROOT);
    return database.inTransaction("read the reference sample of " + n, c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT method, origin, sampled_at, accounts FROM reference_sample WHERE network = ?")) {
        select.setString(1, n);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            return Optional.<Reference>empty();
          }
          return decode(n, rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4));
        }
      }
    });
  }

  /** A row this code cannot read (a method or an account from a newer version) is no sample: drawn again. */
  private static Optional<Reference> decode(String network, String method, String origin, long sampledAt,
      String lines) {
    Reference.Method m;
    try {
      m = Reference.Method.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      LOG.warn("reference sample of {} in the store has an unknown method {}; it is drawn again", network, method);
      return Optional.empty();
    }
    List<Account> accounts = new ArrayList<>();
    int line = 0;
    for (String json : lines.split("\n")) {
      line++;
      if (json.isBlank()) {
        continue;
      }
      try {
        accounts.add(AccountJson.read(json));
      } catch (InvalidAccountException e) {
        LOG.warn("reference sample of {} in the store: account {} unreadable ({}); it is drawn again", network, line,
            e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.of(new Reference(network, accounts, Instant.ofEpochMilli(sampledAt), m, origin));
  }

  @Override
  public void save(Reference reference) {
    String n = reference.network().strip().toLowerCase(Locale.ROOT);
    StringBuilder lines = new StringBuilder();
    for (Account a : reference.accounts()) {
      lines.append(AccountJson.write(a)).append('\n'); // one line: JSON escapes every newline
    }
    long sampledAt = reference.sampledAt().toEpochMilli();
    database.inTransaction("keep the reference sample of " + n, c -> {
      // One statement on both engines: two processes saving at once cannot collide, and the newer wins.
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO reference_sample "
          + "(network, method, origin, sampled_at, account_count, accounts, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (network) DO UPDATE SET method = excluded.method, origin = excluded.origin, "
          + "sampled_at = excluded.sampled_at, account_count = excluded.account_count, accounts = excluded.accounts, "
          + "saved_at = excluded.saved_at WHERE reference_sample.sampled_at <= excluded.sampled_at")) {
        upsert.setString(1, n);
        upsert.setString(2, reference.method().wireName());
        upsert.setString(3, reference.origin());
        upsert.setLong(4, sampledAt);
        upsert.setInt(5, reference.accounts().size());
        upsert.setString(6, lines.toString());
        upsert.setLong(7, clock.millis());
        upsert.executeUpdate();
      }
      return null;
    });
  }
}

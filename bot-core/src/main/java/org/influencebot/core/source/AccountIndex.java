package org.influencebot.core.source;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;

/**
 * Accounts held in memory, found by handle ignoring case. A handle given without a network, or on the
 * source's own name (what the launcher gives handles typed without one when this source is the default:
 * {@code file:alice}), matches an account on any network; one given with a network matches only there.
 */
final class AccountIndex {
  private final String source;
  private final List<Account> accounts;
  private final Map<String, Account> byName = new HashMap<>();
  private final Map<String, Account> byNetworkAndName = new HashMap<>();

  AccountIndex(String source, List<Account> accounts) {
    this.source = source;
    this.accounts = List.copyOf(accounts);
    for (Account a : accounts) {
      String name = a.handle().toLowerCase(Locale.ROOT);
      byName.putIfAbsent(name, a);
      byNetworkAndName.putIfAbsent(a.network().orElse("") + ":" + name, a);
    }
  }

  List<Account> accounts() {
    return accounts;
  }

  Optional<Account> find(Handle handle) {
    String name = handle.name().toLowerCase(Locale.ROOT);
    if (handle.network().isEmpty() || handle.network().get().equals(source)) {
      return Optional.ofNullable(byName.get(name));
    }
    Account exact = byNetworkAndName.get(handle.network().get() + ":" + name);
    if (exact != null) {
      return Optional.of(exact);
    }
    // Accounts of a file without a network answer for whatever network the moderator defaults to.
    Account any = byNetworkAndName.get(":" + name);
    return Optional.ofNullable(any);
  }
}

package org.influencebot.discord;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SampleAccounts;

/**
 * The sample accounts plus {@code pinger}, whose name and bio are full of mentions; a test can hold
 * a handle's lookups until it releases them, to see a deferred reply deterministically.
 */
final class TestSource implements MetricsSource {
  static final String PINGS = "@everyone @here <@&123> <@456> @every@everyoneone";

  private final Map<String, Account> accounts = new HashMap<>();
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Account>> parked = new ConcurrentHashMap<>();

  TestSource() {
    List<Account> all = SampleAccounts.all();
    for (Account a : all) {
      accounts.put(a.handle().toLowerCase(Locale.ROOT), a);
    }
    Account mid = accounts.get("mid_creator");
    accounts.put("pinger", mid.toBuilder().handle("pinger").displayName(PINGS).bio(PINGS).build());
    // Accounts no one has asked about yet, for load rounds that each need an uncached lookup.
    for (int i = 1; i <= 20; i++) {
      accounts.put("fresh" + i, mid.toBuilder().handle("fresh" + i).build());
    }
  }

  @Override
  public String name() {
    return "sample";
  }

  @Override
  public boolean serves(String network) {
    return true;
  }

  void hold(String name) {
    held.add(name);
  }

  void release(String name) {
    held.remove(name);
    CompletableFuture<Account> f = parked.remove(name);
    if (f != null) {
      f.complete(accounts.get(name));
    }
  }

  void releaseAll() {
    for (String name : List.copyOf(parked.keySet())) {
      release(name);
    }
    held.clear();
  }

  @Override
  public CompletableFuture<Account> fetch(Handle handle) {
    String name = handle.name().toLowerCase(Locale.ROOT);
    Account account = accounts.get(name);
    if (account == null) {
      return CompletableFuture.failedFuture(new AccountNotFoundException(handle, name()));
    }
    if (held.contains(name)) {
      return parked.computeIfAbsent(name, k -> new CompletableFuture<>());
    }
    return CompletableFuture.completedFuture(account);
  }
}

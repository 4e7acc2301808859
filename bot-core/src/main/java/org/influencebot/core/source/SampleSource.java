package org.influencebot.core.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;

/** The built-in sample accounts: the console works with no token and no network. */
public final class SampleSource implements MetricsSource {
  private final AccountIndex index = new AccountIndex(SampleAccounts.all());

  @Override
  public String name() {
    return "sample";
  }

  @Override
  public boolean serves(String network) {
    return true;
  }

  public List<Account> accounts() {
    return index.accounts();
  }

  @Override
  public CompletableFuture<Account> fetch(Handle handle) {
    return index.find(handle)
        .map(CompletableFuture::completedFuture)
        .orElseGet(() -> CompletableFuture.failedFuture(new AccountNotFoundException(handle, name())));
  }
}

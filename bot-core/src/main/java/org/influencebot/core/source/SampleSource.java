package org.influencebot.core.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;

/** The built-in sample accounts: the console works with no token and no network. */
public final class SampleSource implements MetricsSource {
  /** The source's name, and the network of handles typed without one when it is the default. */
  public static final String NAME = "sample";
  private final AccountIndex index = new AccountIndex(NAME, SampleAccounts.all());

  @Override
  public String name() {
    return NAME;
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

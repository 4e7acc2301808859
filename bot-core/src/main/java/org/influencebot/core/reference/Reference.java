package org.influencebot.core.reference;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.influencebot.core.account.Account;

/**
 * A random sample of one network's ordinary accounts, without labels: the yardstick an audience of that
 * network is measured against ({@code docs/methodology.md}, "Measured against the network"). Like any
 * random sample of a network it holds a few fakes of its own, so a share measured against it is the
 * audience's share beyond the network's usual one.
 *
 * @param network the network, as in the account-metrics format ({@code bluesky}, {@code instagram}, …)
 * @param accounts the sampled accounts' profiles
 * @param sampledAt when the sample was drawn (its accounts' profiles are read then)
 * @param method how it was drawn, as a wire name ({@link Method})
 * @param origin where it came from, for moderators: a file, a server; never a secret
 */
public record Reference(String network, List<Account> accounts, Instant sampledAt, Method method, String origin) {
  public Reference {
    Objects.requireNonNull(network, "network");
    accounts = List.copyOf(accounts);
    Objects.requireNonNull(sampledAt, "sampledAt");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(origin, "origin");
  }

  /** How a reference sample was drawn; each has its own bias, stated in {@code docs/sources.md}. */
  public enum Method {
    /** A moderator's file of a random sample ({@code audit.reference_dir}). */
    FILE,
    /** Random pages of a Bluesky relay's repository list, their profiles read. */
    BLUESKY_RELAY,
    /** A Mastodon server's profile directory: only accounts that opted into discovery. */
    MASTODON_DIRECTORY,
    /** A moderator's metrics service ({@code GET /reference/{network}}). */
    HTTP,
    /** Synthetic ordinary accounts of the built-in sample network. */
    SYNTHETIC;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a reply says about the yardstick: network, size, date and method. */
  public Summary summary() {
    return new Summary(network, accounts.size(), sampledAt, method);
  }

  /** A reference as replies and reports name it, without its accounts. */
  public record Summary(String network, int accounts, Instant sampledAt, Method method) {}
}

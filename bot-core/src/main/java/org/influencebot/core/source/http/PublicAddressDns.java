package org.influencebot.core.source.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Dns;

/**
 * Name resolution that will not lead the bot into its own network: a host whose addresses include a
 * loopback, private, link-local, multicast, unspecified, carrier-grade-NAT, unique-local or reserved
 * one is refused, and so is an IPv6 address that wraps such an IPv4 one (NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}, IPv4-compatible {@code ::a.b.c.d}) or goes through a local NAT64 ({@code 64:ff9b:1::/48})
 * (any such address refuses the host, so a name cannot mix one in). Hosts the operator
 * configured themselves (a {@code base_url}) are their choice and resolve as they are.
 *
 * <p>Every connection of the shared client resolves here, so a Mastodon instance named in a handle and
 * a redirect or {@code Link} page to another host are held to the same rule. IP literals skip DNS in
 * OkHttp; handles cannot name one (the handle grammar wants a domain).
 */
public final class PublicAddressDns implements Dns {
  private final Dns delegate;
  private final Set<String> configuredHosts;

  public PublicAddressDns(Dns delegate, Set<String> configuredHosts) {
    this.delegate = Objects.requireNonNull(delegate);
    this.configuredHosts = configuredHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** A host the bot refused to connect to: it resolves to a non-public address. */
  public static final class NonPublicAddressException extends UnknownHostException {
    public NonPublicAddressException(String host) {
      super(host + " resolves to a private, loopback, link-local or multicast address");
    }
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = delegate.lookup(hostname);
    if (configuredHosts.contains(hostname.toLowerCase(Locale.ROOT))) {
      return addresses;
    }
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        throw new NonPublicAddressException(hostname);
      }
    }
    return addresses;
  }

  /** Whether {@code a} is an ordinary address on the public internet. */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
        || a.isAnyLocalAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int b0 = b[0] & 0xff;
      int b1 = b[1] & 0xff;
      return !(b0 == 0 // this network
          || (b0 == 100 && (b1 & 0xc0) == 64) // 100.64.0.0/10, carrier-grade NAT
          || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
          || (b0 == 198 && (b1 == 18 || b1 == 19)) // 198.18.0.0/15, benchmarking
          || b0 >= 240); // reserved and broadcast
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return false; // fc00::/7, unique local
      }
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return false; // fec0::/10, deprecated site-local
      }
      boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
      if (nat64 && b[4] == 0 && b[5] == 1) {
        // 64:ff9b:1::/48, NAT64 for local use (RFC 8215): a translator of the bot's own network, which
        // places the IPv4 address where its operator chose, so any address in it may reach a private one.
        return false;
      }
      if (nat64) {
        return wrappedIsPublic(b, 12); // 64:ff9b::/96, the well-known NAT64 prefix: IPv4 in the last 4 bytes
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return wrappedIsPublic(b, 2); // 2002::/16, 6to4: the relay's IPv4 address in bytes 2 to 5
      }
      boolean compatible = true; // ::a.b.c.d, the deprecated IPv4-compatible form
      for (int i = 0; i < 12; i++) {
        compatible &= b[i] == 0;
      }
      if (compatible) {
        return wrappedIsPublic(b, 12);
      }
    }
    return true;
  }

  /** Whether the IPv4 address an IPv6 address carries at {@code from} is public. */
  private static boolean wrappedIsPublic(byte[] b, int from) {
    try {
      return isPublic(InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]}));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}

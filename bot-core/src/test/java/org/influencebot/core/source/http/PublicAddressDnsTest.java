package org.influencebot.core.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressDnsTest {
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
      "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
      "ff02::1", "64:ff9b::a00:1", "::ffff:10.0.0.1",
      // NAT64 local use (RFC 8215), wherever its operator put the IPv4 address, and a public-looking one too
      "64:ff9b:1::a00:1", "64:ff9b:1:a00:1::", "64:ff9b:1:ffff::5db8:d822",
      // 6to4 wrapping a private, loopback or link-local IPv4 address
      "2002:a00:1::1", "2002:c0a8:101::", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:ac10:1:0::1",
      // IPv4-compatible (deprecated) wrapping a private one
      "::10.0.0.1", "::192.168.1.1"})
  void nonPublicAddressesAreRefused(String address) throws Exception {
    PublicAddressDns dns = new PublicAddressDns(h -> List.of(InetAddress.getByName(address)), Set.of());
    assertThatThrownBy(() -> dns.lookup("instance.example"))
        .isInstanceOf(PublicAddressDns.NonPublicAddressException.class).hasMessageContaining("instance.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::5db8:d822",
      "2002:5db8:d822::1", "2002:101:101::"})
  void publicAddressesResolve(String address) throws Exception {
    PublicAddressDns dns = new PublicAddressDns(h -> List.of(InetAddress.getByName(address)), Set.of());
    assertThat(dns.lookup("instance.example")).hasSize(1);
  }

  @org.junit.jupiter.api.Test
  void oneBadAddressAmongGoodOnesRefusesTheHostButAConfiguredHostIsTheOperatorsChoice() throws Exception {
    List<InetAddress> mixed = List.of(InetAddress.getByName("1.1.1.1"), InetAddress.getByName("10.0.0.1"));
    assertThatThrownBy(() -> new PublicAddressDns(h -> mixed, Set.of()).lookup("mixed.example"))
        .isInstanceOf(PublicAddressDns.NonPublicAddressException.class);
    assertThat(new PublicAddressDns(h -> mixed, Set.of("Metrics.Internal")).lookup("metrics.internal")).hasSize(2);
  }
}

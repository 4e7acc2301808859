package org.influencebot.core.analysis;

import java.util.Optional;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.text.Text;

/** A network as replies name it: its own name for the networks the bot knows, else as the source wrote it. */
final class NetworkName {
  private NetworkName() {}

  static Object of(Optional<String> network) {
    if (network.isEmpty()) {
      return Text.of("network.unknown");
    }
    String n = network.get();
    return Handle.NETWORKS.contains(n) || n.equals("sample") ? Text.of("network." + n) : n;
  }
}

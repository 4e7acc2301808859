package org.influencebot.core.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The lines {@code check-config} and {@code /debug} print about what each network is measured against. */
public final class YardstickReport {
  private YardstickReport() {}

  /**
   * One line per network with a reference (size, date, age, method), one for the networks measured against
   * the labeled populations, and one saying that the others get no share.
   */
  public static List<String> lines(List<Reference.Summary> references, Set<String> labeledNetworks, Instant now) {
    List<String> out = new ArrayList<>();
    for (Reference.Summary r : references) {
      long days = Math.max(0, Duration.between(r.sampledAt(), now).toDays());
      out.add(r.network() + ": measured against " + r.accounts() + " accounts drawn "
          + LocalDate.ofInstant(r.sampledAt(), ZoneOffset.UTC) + " (" + days + (days == 1 ? " day" : " days") + " ago) by "
          + r.method().wireName());
    }
    for (String n : labeledNetworks.stream().sorted().toList()) {
      if (references.stream().noneMatch(r -> r.network().equals(n))) {
        out.add(n + ": measured against the labeled populations (no reference sample)");
      }
    }
    out.add("any other network: no yardstick, so its audits say \"not measured\"");
    return out;
  }
}

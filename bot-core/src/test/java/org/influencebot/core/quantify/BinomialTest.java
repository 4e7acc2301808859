package org.influencebot.core.quantify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

/** Exact upper tails against values computed with exact rational arithmetic (Python's Fraction and comb). */
class BinomialTest {
  @Test
  void matchesExactValues() {
    assertThat(Binomial.upperTail(3, 10, 0.5)).isCloseTo(0.9453125, withPercentage(1e-10));
    assertThat(Binomial.upperTail(1, 1, 0.3)).isCloseTo(0.3, withPercentage(1e-10));
    assertThat(Binomial.upperTail(7, 20, 0.1)).isCloseTo(0.0023860894089661167, withPercentage(1e-9));
    assertThat(Binomial.upperTail(50, 100, 0.5)).isCloseTo(0.5397946186935894, withPercentage(1e-9));
    assertThat(Binomial.upperTail(5, 5, 0.9)).isCloseTo(0.59049, withPercentage(1e-9));
  }

  @Test
  void staysAccurateForThousandsOfTrialsAndTinyTails() {
    assertThat(Binomial.upperTail(120, 1000, 0.08)).isCloseTo(7.417760795807931e-06, withPercentage(1e-7));
    assertThat(Binomial.upperTail(60, 3000, 0.02)).isCloseTo(0.5176896569249436, withPercentage(1e-7));
    assertThat(Binomial.upperTail(150, 3000, 0.02)).isCloseTo(3.348906208014356e-23, withPercentage(1e-6));
    assertThat(Binomial.upperTail(400, 4000, 0.05)).isCloseTo(5.241368856508729e-38, withPercentage(1e-6));
    assertThat(Binomial.upperTail(30, 2000, 0.05)).isCloseTo(1.0, withPercentage(1e-9)).isLessThanOrEqualTo(1);
  }

  @Test
  void edges() {
    assertThat(Binomial.upperTail(0, 10, 0.2)).isEqualTo(1);
    assertThat(Binomial.upperTail(-3, 10, 0.2)).isEqualTo(1);
    assertThat(Binomial.upperTail(11, 10, 0.2)).isEqualTo(0);
    assertThat(Binomial.upperTail(1, 10, 0)).isEqualTo(0);
    assertThat(Binomial.upperTail(10, 10, 1)).isEqualTo(1);
    assertThat(Binomial.upperTail(1, 10, -0.5)).isEqualTo(0);
    assertThat(Binomial.upperTail(1, 0, 0.5)).isEqualTo(0);
    assertThatThrownBy(() -> Binomial.upperTail(1, -1, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }
}

package org.influencebot.core.analysis;

import static org.influencebot.core.analysis.ScoreMath.clamp;
import static org.influencebot.core.analysis.ScoreMath.pct;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.quantify.Yardstick;
import org.influencebot.core.quantify.Yardsticks;
import org.influencebot.core.text.Text;

/**
 * The account's own profile: its authenticity signal, by the model's probability or, where the network
 * has a reference, by its percentile among the network's random accounts; and whether it looks automated.
 */
final class ProfileCheck {
  /** Fewest posts an account has published for its own profile to be judged (quieter ones abstain). */
  static final long MIN_POSTS_TO_JUDGE = 20;
  /** Fake probability of the account's own profile from which it is called likely automated. */
  static final double AUTOMATED_PROBABILITY = 0.9;
  /**
   * Against a reference: the share of the network's random accounts that a profile must look more fake than
   * to be called fake-looking, or automated-looking. A random sample of a network holds a few percent of
   * fakes, at its top: a person is past these about as rarely as the model flags humans it was trained on.
   */
  static final double FAKE_PERCENTILE = 0.98;
  static final double AUTOMATED_PERCENTILE = 0.99;
  /** Against a reference: up to this percentile a profile is as ordinary as the network's (score 100). */
  static final double ORDINARY_PERCENTILE = 0.9;

  private final Yardsticks yardsticks;

  ProfileCheck(Yardsticks yardsticks) {
    this.yardsticks = yardsticks;
  }

  /**
   * Automated-looking: past {@link #AUTOMATED_PROBABILITY} of the model, or, against a reference, past its
   * {@link #AUTOMATED_PERCENTILE}.
   */
  static boolean automatedLooking(Signal accountSignal, FakeAssessment self, Optional<Yardstick> yardstick) {
    return accountSignal.assessed() && self.enoughEvidence() && yardstick
        .map(y -> y.percentile(self.fakeProbability()) >= AUTOMATED_PERCENTILE)
        .orElse(self.fakeProbability() >= AUTOMATED_PROBABILITY);
  }

  /** "mostly because it …": the features behind one account's own score, in the singular. */
  private static Text drivers(List<String> keys) {
    return AuditText.list("drivers", keys, "");
  }

  Signal accountSignal(Account account, FakeAssessment self, Optional<Yardstick> yardstick, Instant now) {
    if (account.declaredBot().orElse(false)) {
      return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(clamp(Math.round(100 * (1 - self.fakeProbability())))),
          AuthenticitySignals.W_ACCOUNT, Text.of("signal.account.declared"));
    }
    OptionalDouble age = account.ageDays(now);
    if (age.isPresent() && age.getAsDouble() < Analyzer.MIN_AGE_DAYS) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, AuthenticitySignals.W_ACCOUNT,
          Text.of("signal.account.too_new", Math.round(Math.floor(age.getAsDouble())),
              Math.round(Analyzer.MIN_AGE_DAYS)));
    }
    if (account.posts().isPresent() && account.posts().getAsLong() < MIN_POSTS_TO_JUDGE) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, AuthenticitySignals.W_ACCOUNT,
          Text.of("signal.account.too_quiet", account.posts().getAsLong(), MIN_POSTS_TO_JUDGE));
    }
    if (!self.enoughEvidence()) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, AuthenticitySignals.W_ACCOUNT,
          Text.of("signal.account.unknown"));
    }
    if (yardstick.isPresent()) {
      return accountAgainst(yardstick.get(), self);
    }
    if (!yardsticks.labeled(AudienceAuditor.networkOf(account))) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, AuthenticitySignals.W_ACCOUNT,
          Text.of("signal.account.no_reference", NetworkName.of(AudienceAuditor.networkOf(account))));
    }
    int score = clamp(Math.round(100 * (1 - self.fakeProbability())));
    if (self.looksFake()) {
      return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), AuthenticitySignals.W_ACCOUNT,
          Text.of("signal.account.fake", pct(self.fakeProbability()),
              self.drivers().isEmpty() ? Text.of("signal.no_drivers") : drivers(self.drivers())));
    }
    return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), AuthenticitySignals.W_ACCOUNT,
        Text.of("signal.account.human", pct(self.fakeProbability())));
  }

  /**
   * The profile read against the network's reference: the share of its ordinary accounts that look more
   * human, its score 100 up to the {@link #ORDINARY_PERCENTILE} and falling to 0 at the top, fake-looking
   * from {@link #FAKE_PERCENTILE} on.
   */
  private Signal accountAgainst(Yardstick y, FakeAssessment self) {
    double percentile = y.percentile(self.fakeProbability());
    int score = clamp(Math.round(100 * Math.min(1, (1 - percentile) / (1 - ORDINARY_PERCENTILE))));
    Object network = NetworkName.of(Optional.of(y.network()));
    if (percentile >= FAKE_PERCENTILE) {
      return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), AuthenticitySignals.W_ACCOUNT,
          Text.of("signal.account.reference.fake", pct(percentile), y.size(), network,
              self.drivers().isEmpty() ? Text.of("signal.no_drivers") : drivers(self.drivers())));
    }
    return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), AuthenticitySignals.W_ACCOUNT,
        Text.of("signal.account.reference.human", 100 - pct(percentile), y.size(), network));
  }
}

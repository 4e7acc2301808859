package org.influencebot.core.fake;

import java.util.List;

/**
 * One account's fake score.
 *
 * @param fakeProbability the calibrated probability that the account is fake, 0 to 1
 * @param enoughEvidence false when too few profile fields were known to judge: such accounts are
 *     left out of shares rather than guessed
 * @param looksFake whether the probability reaches the scorer's threshold (chosen to keep genuine
 *     people flagged as fake rare)
 * @param drivers the features that pushed the score most, as message keys {@code feature.*}, strongest first
 */
public record FakeAssessment(double fakeProbability, boolean enoughEvidence, boolean looksFake, List<String> drivers) {
  public FakeAssessment {
    drivers = List.copyOf(drivers);
  }

  public static FakeAssessment notEnoughEvidence() {
    return new FakeAssessment(0.5, false, false, List.of());
  }
}

package org.influencebot.store;

import java.time.Instant;
import java.util.List;

/** Every computed summary's scores, for trends and charts, kept within a {@link RetentionPolicy}. */
public interface HistoryStore {

  /** Appends a point, then drops the handle's points that fall outside the retention policy. */
  void record(ScorePoint point);

  /** The handle's points computed at or after {@code since}, oldest first. Case of the handle is ignored. */
  List<ScorePoint> pointsSince(String network, String handle, Instant since);
}

package org.influencebot.store;

import java.util.List;

/** Who changed what, per scope. Written by the settings and link stores, read by moderators. */
public interface AuditLog {

  /** The scope's latest changes, newest first, at most {@code limit}. */
  List<AuditEntry> recent(Scope scope, int limit);
}

package org.influencebot.core.account;

import java.time.LocalDate;

/** The follower count on one day. */
public record FollowerPoint(LocalDate at, long followers) {}

package org.influencebot.core.members;

import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalDouble;
import org.influencebot.core.quantify.ShareEstimate;

/**
 * A burst of joins: on a day whose joins the growth-anomaly detector flags against the usual daily joins, the
 * tightest run of consecutive joins holding the day's excess over the usual (runs of neighbouring days that
 * touch are one wave).
 *
 * @param day the (UTC) day flagged
 * @param start the first join of the run
 * @param size members in the run
 * @param minutes from the run's first join to its last, rounded up
 * @param joinsThatDay every join of the flagged day(s)
 * @param usualDailyJoins the median daily joins of the days before
 * @param createdSameWeek the share of the run's members (of those whose creation is known) created in the
 *     run's most common creation week
 * @param defaultAvatar the share without their own picture (of those known); empty when none is known
 * @param inactive the share not seen active since joining; empty when the community's activity is not tracked
 * @param medianAgeDays the run's median account age at joining, in days; empty when none is known
 * @param boughtShare the run's share measured against the established members (as the recent joiners are)
 */
public record JoinWave(
    LocalDate day,
    Instant start,
    int size,
    long minutes,
    int joinsThatDay,
    double usualDailyJoins,
    OptionalDouble createdSameWeek,
    OptionalDouble defaultAvatar,
    OptionalDouble inactive,
    OptionalDouble medianAgeDays,
    ShareEstimate boughtShare) {}

package org.influencebot.core.analysis;

/** How the scores moved since an earlier summary of the same account: "+4 in 30 days". */
public record Trend(int influenceChange, int authenticityChange, long days) {}

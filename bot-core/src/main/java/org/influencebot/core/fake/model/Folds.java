package org.influencebot.core.fake.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded stratified k-fold assignment: each class is shuffled and dealt round the folds. */
public final class Folds {
  private Folds() {}

  /** The fold (0 to k-1) of each example; the same labels, k and seed always give the same folds. */
  public static int[] stratified(int[] labels, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + k);
    }
    Random random = new Random(seed);
    int[] fold = new int[labels.length];
    int next = 0;
    for (int cls = 0; cls <= 1; cls++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == cls) {
          members.add(i);
        }
      }
      java.util.Collections.shuffle(members, random);
      for (int m : members) {
        fold[m] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }
}

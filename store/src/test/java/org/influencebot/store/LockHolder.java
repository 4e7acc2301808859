package org.influencebot.store;

import java.io.IOException;
import java.nio.file.Path;

/** The child of {@link InstanceLockTest}: holds the lock until its standard input closes. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    try (InstanceLock lock = InstanceLock.acquire(Path.of(args[0]), args[1])) {
      System.out.println("locked " + lock.file());
      System.out.flush();
      while (System.in.read() != -1) {
        // wait
      }
    }
  }
}

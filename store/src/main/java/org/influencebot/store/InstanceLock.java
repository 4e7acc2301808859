package org.influencebot.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps two processes from running the same bot from one data directory: two Discord gateways on
 * one token fight each other, and two Telegram pollers steal each other's updates.
 *
 * <p>The lock file is {@code <dataDir>/<hash>.lock}, where the hash is SHA-256 of the bot token (or
 * instance name): the token itself is never written. The file holds the owner's pid for the message
 * of the second process. The operating system releases the lock when the process dies, however it
 * dies, so a stale file never blocks a restart.
 */
public final class InstanceLock implements AutoCloseable {
  private static final Pattern PID = Pattern.compile("pid (\\d+)");

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock for this token or instance name, or fails at once.
   *
   * @throws StoreException when another process (or this one) holds it, naming the directory and pid
   */
  public static InstanceLock acquire(Path dataDirectory, String botTokenOrInstanceName) {
    if (botTokenOrInstanceName == null || botTokenOrInstanceName.isBlank()) {
      throw new IllegalArgumentException("a bot token or instance name is needed to name the lock");
    }
    Path directory = dataDirectory.toAbsolutePath().normalize();
    return acquire(directory.resolve(fileName(botTokenOrInstanceName)), owner ->
        "Another influence-bot is already running with this token in " + directory + " (pid " + owner + "). "
            + "Stop it first, or give this one its own token or data directory.");
  }

  /**
   * Taken by a bot process that serves chats from the SQLite file of {@code dataDirectory}, or fails
   * at once. One SQLite file serves one bot process: two would each keep their own caches and limits
   * over one file that allows one writer at a time. Short commands (score, the console) do not take
   * it, and work next to the running bot.
   *
   * @throws StoreException when another process holds it, naming the pid and PostgreSQL as the way
   */
  public static InstanceLock acquireSqliteStore(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    return acquire(directory.resolve(SQLITE_LOCK), owner ->
        "Another influence-bot process (pid " + owner + ") already serves chats from the SQLite store in " + directory
            + ". One SQLite file serves one bot process: to run several (another token, more Discord shards), point "
            + "store.jdbc_url at a PostgreSQL database that they all share (docs/store.md), or give this one its own "
            + "data directory.");
  }

  static final String SQLITE_LOCK = "sqlite-store.lock";

  private static InstanceLock acquire(Path file, Function<String, String> refusal) {
    FileChannel channel;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("Cannot create the lock file " + file + " (" + e.getMessage() + "). "
          + "Give the bot's user write access to the data directory, or choose another one.", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this very process holds it
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("Cannot lock " + file + " (" + e.getMessage() + "). "
          + "Keep the data directory on a local disk that supports file locks.", e);
    }
    if (lock == null) {
      String owner = ownerPid(file);
      closeQuietly(channel);
      throw new StoreException(refusal.apply(owner));
    }
    try {
      byte[] content = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(content), 0);
      channel.force(true);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("Cannot write the lock file " + file + " (" + e.getMessage() + ").", e);
    }
    return new InstanceLock(file, channel, lock);
  }

  /** {@code <first 16 hex digits of SHA-256>.lock}: enough to tell bots apart, nothing to recover a token from. */
  static String fileName(String botTokenOrInstanceName) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest(("influence-bot instance lock\n" + botTokenOrInstanceName).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8) + ".lock";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String ownerPid(Path file) {
    try {
      Matcher m = PID.matcher(Files.readString(file, StandardCharsets.US_ASCII));
      return m.find() ? m.group(1) : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Releases the lock; the file stays, since deleting it could let a third process race a second. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it too.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing more to do.
    }
  }
}

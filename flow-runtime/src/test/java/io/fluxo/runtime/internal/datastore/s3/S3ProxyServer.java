package io.fluxo.runtime.internal.datastore.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real S3-protocol server for tests: s3proxy (its jar-with-dependencies, copied to {@code
 * target/s3proxy/} by the build) as a child JVM on a free 127.0.0.1 port with fixed credentials.
 * {@link #stop()} and {@link #start()} restart it on the same port; with the {@code filesystem}
 * backend its objects survive that. A shutdown hook kills the child if a test does not.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The access key the server accepts. */
  public static final String ACCESS_KEY = "test-access";

  /** The secret key the server accepts. */
  public static final String SECRET_KEY = "test-secret-key-0123456789";

  private final Path dir;
  private final int port;
  private final boolean persistent;
  private Process process;

  private S3ProxyServer(Path dir, int port, boolean persistent) {
    this.dir = dir;
    this.port = port;
    this.persistent = persistent;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (process != null) {
                    process.destroyForcibly();
                  }
                  delete(dir);
                }));
  }

  /** A started server keeping objects in memory (jclouds' transient backend). */
  public static S3ProxyServer startInMemory() {
    return create(false);
  }

  /**
   * A started server keeping objects in a temp folder, so they survive {@link #stop()}/{@link
   * #start()}.
   */
  public static S3ProxyServer startPersistent() {
    return create(true);
  }

  private static S3ProxyServer create(boolean persistent) {
    try {
      S3ProxyServer server =
          new S3ProxyServer(Files.createTempDirectory("s3proxy"), freePort(), persistent);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The endpoint URL, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A minio client of this server, for tests that prepare or alter objects behind Fluxo's back. */
  public io.minio.MinioClient client() {
    return io.minio.MinioClient.builder()
        .endpoint(endpoint())
        .region("us-east-1")
        .credentials(ACCESS_KEY, SECRET_KEY)
        .build();
  }

  /** Creates bucket {@code name}; returns it. */
  public String createBucket(String name) {
    try {
      io.minio.MinioClient client = client();
      if (!client.bucketExists(io.minio.BucketExistsArgs.builder().bucket(name).build())) {
        client.makeBucket(io.minio.MakeBucketArgs.builder().bucket(name).build());
      }
      return name;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create bucket " + name + ": " + e, e);
    }
  }

  /** Starts the server and waits until its port accepts connections. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      Path data = Files.createDirectories(dir.resolve("data"));
      Path conf = dir.resolve("s3proxy.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "s3proxy.endpoint=" + endpoint(),
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              "jclouds.provider=" + (persistent ? "filesystem" : "transient"),
              "jclouds.identity=" + ACCESS_KEY,
              "jclouds.credential=" + SECRET_KEY,
              "jclouds.filesystem.basedir=" + data,
              ""));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      process =
          new ProcessBuilder(
                  List.of(
                      java, "-Xmx256m", "-jar", jar().toString(), "--properties", conf.toString()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      waitForPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the server at once, as a crash would. */
  public synchronized void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
    delete(dir);
  }

  private void waitForPort() throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "s3proxy exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve("s3proxy.log")
                + ":\n"
                + Files.readString(dir.resolve("s3proxy.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    stop();
    throw new IllegalStateException("s3proxy did not open port " + port + " within 60 s");
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("fluxo.s3proxyJar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No s3proxy jar at "
              + jar.toAbsolutePath()
              + "; run the build's generate-test-resources phase");
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}

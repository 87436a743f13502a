package io.fluxo.runtime.internal.datastore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fluxo.runtime.config.S3Location;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.datastore.DatastoreStorageContract;
import io.fluxo.runtime.internal.retry.Retries;
import io.fluxo.runtime.spi.DatastoreStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3StorageIT extends DatastoreStorageContract {
  /** Retries that would take 20 s: a failure that is not retried ends well before. */
  private static final Retries PATIENT =
      new Retries(20, Duration.ofSeconds(1), Duration.ofSeconds(1));

  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.startInMemory();
    server.createBucket("contract");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected DatastoreStorage storage() {
    return connect(
        "s3://contract/test-" + PREFIXES.incrementAndGet(),
        S3ProxyServer.ACCESS_KEY,
        S3ProxyServer.SECRET_KEY);
  }

  private static S3Storage connect(String root, String accessKey, String secretKey) {
    return S3Storage.connect(
        S3Location.parse(root), server.endpoint(), "us-east-1", accessKey, secretKey);
  }

  @Test
  void describe_isTheS3Uri() {
    S3Storage storage =
        connect("s3://contract/some/prefix", S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);

    assertThat(storage.describe("Flow/data/ab/abc"))
        .isEqualTo("s3://contract/some/prefix/Flow/data/ab/abc");
  }

  @Test
  void writeFile_largerThanAPart_isUploadedInPartsAndReadBackWhole() throws Exception {
    DatastoreStorage storage = storage();
    Path file = Files.createTempFile(storage.scratchDir(), "big", ".tmp");
    byte[] chunk = new byte[1 << 20];
    new Random(7).nextBytes(chunk);
    MessageDigest written = MessageDigest.getInstance("SHA-256");
    try (var out = Files.newOutputStream(file)) {
      for (int i = 0; i < S3Storage.MULTIPART_PART_SIZE_MIB * 2 + 3; i++) {
        out.write(chunk);
        written.update(chunk);
      }
    }

    storage.writeFile("big/blob", file);

    MessageDigest read = MessageDigest.getInstance("SHA-256");
    try (InputStream in = storage.open("big/blob")) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        read.update(buffer, 0, n);
      }
    }
    assertThat(read.digest()).isEqualTo(written.digest());
  }

  @Test
  void connect_wrongSecretKey_failsWithOneLineAboutTheKeys() {
    assertThatThrownBy(
            () ->
                connect("s3://contract/p", S3ProxyServer.ACCESS_KEY, "wrong-secret-key-000000000"))
        .isInstanceOf(PlatformException.class)
        .hasMessageStartingWith(
            "Cannot access s3://contract/p at "
                + server.endpoint()
                + ": the access key or secret key is wrong")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("wrong-secret-key");
  }

  @Test
  void connect_unknownAccessKey_failsWithOneLineAboutTheKeys() {
    assertThatThrownBy(() -> connect("s3://contract/p", "nobody", S3ProxyServer.SECRET_KEY))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("the access key or secret key is wrong");
  }

  @Test
  void connect_missingBucket_namesTheBucketAndHowToCreateIt() {
    assertThatThrownBy(
            () ->
                connect(
                    "s3://no-such-bucket/p", S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))
        .isInstanceOf(PlatformException.class)
        .hasMessageStartingWith(
            "Cannot access bucket no-such-bucket at " + server.endpoint() + ": it does not exist")
        .hasMessageContaining("mc mb <alias>/no-such-bucket")
        .hasMessageNotContaining("\n");
  }

  @Test
  void tlsToThePlainPort_failsAtOnce() {
    String https = server.endpoint().replaceFirst("^http:", "https:");
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                S3Storage.connect(
                    S3Location.parse("s3://contract/p"),
                    https,
                    "us-east-1",
                    S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY,
                    PATIENT))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("the TLS handshake with " + https + " failed")
        .hasMessageNotContaining("gave up")
        .hasMessageNotContaining(S3ProxyServer.SECRET_KEY);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aWebServerThatIsNotS3_answering404_failsAtOnce() throws IOException {
    HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger requests = new AtomicInteger();
    web.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] page = "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(404, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    web.start();
    try {
      assertThatThrownBy(
              () ->
                  S3Storage.connect(
                      S3Location.parse("s3://contract/p"),
                      "http://127.0.0.1:" + web.getAddress().getPort(),
                      "us-east-1",
                      S3ProxyServer.ACCESS_KEY,
                      S3ProxyServer.SECRET_KEY,
                      PATIENT))
          .isInstanceOf(PlatformException.class)
          .hasMessageContaining("Cannot access s3://contract/p")
          .hasMessageContaining("check that it is an S3 endpoint")
          .hasMessageNotContaining("gave up")
          .hasMessageNotContaining("\n");
      assertThat(requests).hasValue(1);
    } finally {
      web.stop(0);
    }
  }

  @Test
  void serverDown_failsAfterBoundedRetries() throws IOException {
    try (S3ProxyServer other = S3ProxyServer.startPersistent()) {
      S3Storage storage =
          connectTo(other, new Retries(2, Duration.ofMillis(50), Duration.ofMillis(100)));
      other.stop();

      assertThatThrownBy(() -> storage.write("k", new byte[] {1}))
          .isInstanceOf(PlatformException.class)
          .hasMessageContaining("Cannot write s3://bkt/p/k")
          .hasMessageContaining("gave up after 3 attempts");
    }
  }

  @Test
  void serverRestartedDuringRetries_writeSucceeds() throws Exception {
    try (S3ProxyServer other = S3ProxyServer.startPersistent()) {
      S3Storage storage =
          connectTo(other, new Retries(20, Duration.ofMillis(200), Duration.ofMillis(500)));
      storage.write("before", new byte[] {1});
      other.stop();
      Thread restart =
          new Thread(
              () -> {
                sleep(1500);
                other.start();
              });
      restart.start();

      storage.write("after", new byte[] {2});
      restart.join();

      assertThat(storage.exists("before")).isTrue();
      assertThat(read(storage, "after")).isEqualTo("\u0002");
    }
  }

  private static S3Storage connectTo(S3ProxyServer other, Retries retries) {
    other.createBucket("bkt");
    return S3Storage.connect(
        S3Location.parse("s3://bkt/p"),
        other.endpoint(),
        "us-east-1",
        S3ProxyServer.ACCESS_KEY,
        S3ProxyServer.SECRET_KEY,
        retries);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.fluxo.runtime.internal.datastore.s3;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.fluxo.runtime.config.S3Location;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.retry.Outage;
import io.fluxo.runtime.internal.retry.Retries;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.http.HttpUtils;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * A datastore in an S3 bucket under a prefix ({@code s3://bucket/prefix}), through minio-java with
 * path-style requests, so it works with AWS and with MinIO or other S3-compatible servers. Object
 * puts are atomic in S3. Files of {@value #MULTIPART_PART_SIZE_MIB} MiB or more are uploaded in
 * parts. Transient failures (connection errors, 5xx, throttling) are retried with exponential
 * backoff, a bounded number of times; permanent ones (wrong keys, missing bucket, access denied)
 * fail at once with one line that says what to do. Reads that break mid-stream resume where they
 * stopped. Thread-safe.
 */
public final class S3Storage implements DatastoreStorage {
  /** Part size of multipart uploads, in MiB. */
  static final int MULTIPART_PART_SIZE_MIB = 16;

  private static final long PART_SIZE = MULTIPART_PART_SIZE_MIB * 1024L * 1024L;
  private static final int PARALLEL_WRITES = 8;
  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "InternalError",
          "ServiceUnavailable",
          "SlowDown",
          "RequestTimeout",
          "OperationAborted",
          "XMinioServerNotInitialized",
          "XMinioStorageFull",
          "RequestTimeTooSkewed");

  /** The status in minio's message for an answer that is not XML. */
  private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");

  private static final Set<String> BAD_CREDENTIALS_CODES =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "InvalidToken",
          "ExpiredToken",
          "InvalidSecurity",
          "AuthorizationHeaderMalformed");

  private final MinioClient client;
  private final S3Location location;
  private final String endpoint;
  private final RetryPolicy<Object> retry;
  private final int maxAttempts;
  private Path scratch;

  private S3Storage(MinioClient client, S3Location location, String endpoint, Retries retries) {
    this.client = client;
    this.location = location;
    this.endpoint = endpoint;
    this.maxAttempts = retries.maxAttempts();
    this.retry =
        retries.policy(S3Storage::isTransient, new Outage("S3 at " + endpoint, S3Storage::brief));
  }

  /**
   * Opens {@code location} on the server at {@code endpoint} and checks, with one listing, that the
   * bucket exists and accepts the keys.
   *
   * @throws PlatformException with one clear line if the bucket is missing, the keys are wrong or
   *     the server cannot be reached
   */
  public static S3Storage connect(
      S3Location location, String endpoint, String region, String accessKey, String secretKey) {
    return connect(location, endpoint, region, accessKey, secretKey, Retries.S3);
  }

  /**
   * As {@link #connect(S3Location, String, String, String, String)}, retrying as {@code retries}
   * says.
   */
  public static S3Storage connect(
      S3Location location,
      String endpoint,
      String region,
      String accessKey,
      String secretKey,
      Retries retries) {
    OkHttpClient http =
        HttpUtils.newDefaultHttpClient(
                TimeUnit.SECONDS.toMillis(10),
                TimeUnit.SECONDS.toMillis(60),
                TimeUnit.SECONDS.toMillis(60))
            .newBuilder()
            .connectionPool(new ConnectionPool(32, 1, TimeUnit.MINUTES))
            .build();
    MinioClient client;
    try {
      client =
          MinioClient.builder()
              .endpoint(endpoint)
              .region(region)
              .credentials(accessKey, secretKey)
              .httpClient(http)
              .build();
    } catch (IllegalArgumentException e) {
      throw new PlatformException(e, "Cannot use S3 endpoint '%s': %s", endpoint, e.getMessage());
    }
    S3Storage storage = new S3Storage(client, location, endpoint, retries);
    storage.checkAccess();
    return storage;
  }

  /** The bucket and prefix. */
  public S3Location location() {
    return location;
  }

  @Override
  public String describe(String key) {
    return location.uri(key);
  }

  @Override
  public boolean exists(String key) {
    return call(
        "check",
        key,
        () -> {
          try {
            client.statObject(
                StatObjectArgs.builder()
                    .bucket(location.bucket())
                    .object(location.objectKey(key))
                    .build());
            return true;
          } catch (ErrorResponseException e) {
            if (e.response() != null && e.response().code() == 404 || "NoSuchKey".equals(code(e))) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public InputStream open(String key) {
    GetObjectResponse first = call("read", key, () -> get(key, 0, null));
    return new ResumingStream(key, first);
  }

  private GetObjectResponse get(String key, long offset, String etag) throws Exception {
    GetObjectArgs.Builder args =
        GetObjectArgs.builder().bucket(location.bucket()).object(location.objectKey(key));
    if (offset > 0) {
      args.offset(offset);
    }
    if (etag != null) {
      args.matchETag(etag);
    }
    return client.getObject(args.build());
  }

  @Override
  public void write(String key, byte[] bytes) {
    call(
        "write",
        key,
        () ->
            client.putObject(
                PutObjectArgs.builder()
                    .bucket(location.bucket())
                    .object(location.objectKey(key))
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .build()));
  }

  @Override
  public void writeFile(String key, Path file) {
    long size;
    try {
      size = Files.size(file);
      if (size < PART_SIZE) {
        write(key, Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot write %s: cannot read %s (%s)", describe(key), file, e.getMessage());
    }
    if (size >= PART_SIZE) {
      call(
          "write",
          key,
          () ->
              client.uploadObject(
                  UploadObjectArgs.builder()
                      .bucket(location.bucket())
                      .object(location.objectKey(key))
                      .filename(file.toString(), PART_SIZE)
                      .build()));
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the object is stored; a leftover local file is only scratch space
    }
  }

  @Override
  public List<String> list(String prefix) {
    String objectPrefix = location.objectKey(prefix);
    String listed = objectPrefix.isEmpty() ? "" : objectPrefix + "/";
    return call(
        "list",
        prefix,
        () -> {
          TreeSet<String> names = new TreeSet<>();
          Iterable<Result<Item>> items =
              client.listObjects(
                  ListObjectsArgs.builder()
                      .bucket(location.bucket())
                      .prefix(listed)
                      .delimiter("/")
                      .build());
          for (Result<Item> result : items) {
            String name = result.get().objectName().substring(listed.length());
            if (name.endsWith("/")) {
              name = name.substring(0, name.length() - 1);
            }
            if (!name.isEmpty()) {
              names.add(name);
            }
          }
          return List.copyOf(names);
        });
  }

  /** Small writes are dominated by round trips, so several at once pay off. */
  @Override
  public int parallelism() {
    return PARALLEL_WRITES;
  }

  @Override
  public synchronized Path scratchDir() {
    if (scratch == null) {
      try {
        scratch = Files.createTempDirectory("fluxo-s3-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path dir = scratch;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    }
    return scratch;
  }

  private void checkAccess() {
    String objectPrefix = location.objectKey("");
    call(
        "access",
        "",
        () -> {
          Iterator<Result<Item>> items =
              client
                  .listObjects(
                      ListObjectsArgs.builder()
                          .bucket(location.bucket())
                          .prefix(objectPrefix.isEmpty() ? "" : objectPrefix + "/")
                          .maxKeys(1)
                          .build())
                  .iterator();
          if (items.hasNext()) {
            items.next().get();
          }
          return null;
        });
  }

  private <T> T call(String action, String key, CheckedSupplier<T> operation) {
    long start = System.nanoTime();
    try {
      return Failsafe.with(retry).get(operation);
    } catch (FailsafeException e) {
      throw failure(action, key, e.getCause() != null ? e.getCause() : e, start);
    } catch (PlatformException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(action, key, e, start);
    }
  }

  private PlatformException failure(String action, String key, Throwable e, long startNanos) {
    String where = describe(key);
    if (e instanceof ErrorResponseException error) {
      String code = code(error);
      if ("NoSuchBucket".equals(code)) {
        return new PlatformException(
            e,
            "Cannot access bucket %s at %s: it does not exist; create it, e.g. with `mc mb <alias>/%s` (MinIO) or `aws s3 mb s3://%s`",
            location.bucket(),
            endpoint,
            location.bucket(),
            location.bucket());
      }
      if (BAD_CREDENTIALS_CODES.contains(code)) {
        return new PlatformException(
            e,
            "Cannot access %s at %s: the access key or secret key is wrong (%s); check datastore.accessKey and datastore.secretKey"
                + " ('flow config show')",
            location,
            endpoint,
            code);
      }
      if ("AccessDenied".equals(code)) {
        return new PlatformException(
            e, "Cannot %s %s: access denied; the key has no permission for it", action, where);
      }
      if ("NoSuchKey".equals(code)) {
        return new PlatformException(e, "Cannot read %s: the object does not exist", where);
      }
      if (!isTransient(e)) {
        return new PlatformException(
            e, "Cannot %s %s: %s (%s)", action, where, error.errorResponse().message(), code);
      }
    }
    String reason =
        e instanceof ConnectException
            ? "cannot connect to " + endpoint + " (" + e.getMessage() + ")"
            : e instanceof SSLException
                ? "the TLS handshake with " + endpoint + " failed (" + e.getMessage() + ")"
                : e instanceof InvalidResponseException && !isTransient(e)
                    ? endpoint
                        + " answered with something else than S3's XML; check that it is an"
                        + " S3 endpoint ("
                        + shortened(e.getMessage())
                        + ")"
                    : brief(e);
    if (!isTransient(e)) {
      return new PlatformException(e, "Cannot %s %s: %s", action, where, reason);
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return new PlatformException(
        e,
        "Cannot %s %s: %s; gave up after %d attempts in %.1f s",
        action,
        where,
        reason,
        maxAttempts,
        seconds);
  }

  /**
   * Whether {@code e} may pass if the request is sent again: a broken or refused connection, a 5xx
   * or 429 answer, a throttling code. A TLS handshake that fails (https to a plain-HTTP port, an
   * untrusted certificate) and an answer that is not S3's XML with a 4xx status (a web server that
   * is not S3) will not.
   */
  static boolean isTransient(Throwable e) {
    if (e instanceof ErrorResponseException error) {
      int status = error.response() == null ? 0 : error.response().code();
      return retryableStatus(status) || TRANSIENT_CODES.contains(code(error));
    }
    if (e instanceof InvalidResponseException invalid) {
      Matcher status = RESPONSE_CODE.matcher(String.valueOf(invalid.getMessage()));
      return status.find() && retryableStatus(Integer.parseInt(status.group(1)));
    }
    if (e instanceof SSLException) {
      return false;
    }
    return e instanceof IOException
        || e instanceof ServerException
        || e instanceof InsufficientDataException;
  }

  private static boolean retryableStatus(int status) {
    return status >= 500 || status == 429 || status == 408;
  }

  private static String code(ErrorResponseException e) {
    return e.errorResponse() == null ? "" : e.errorResponse().code();
  }

  private static String brief(Throwable e) {
    if (e instanceof ErrorResponseException error) {
      return error.errorResponse().code() + ": " + error.errorResponse().message();
    }
    if (e instanceof ServerException server) {
      return "HTTP " + server.statusCode() + " from the server";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The first line of {@code message}, at most 200 characters of it. */
  private static String shortened(String message) {
    String text = String.valueOf(message);
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temp folder is harmless
    }
  }

  /**
   * An object's content that, when the connection breaks, asks again for the rest (same ETag, from
   * the byte reached), a bounded number of times.
   */
  private final class ResumingStream extends InputStream {
    private final String key;
    private final String etag;
    private InputStream current;
    private long position;
    private int resumes;

    ResumingStream(String key, GetObjectResponse first) {
      this.key = key;
      this.current = first;
      this.etag = first.headers().get("ETag");
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        try {
          int n = current.read(b, off, len);
          if (n > 0) {
            position += n;
          }
          return n;
        } catch (IOException e) {
          if (++resumes > maxAttempts) {
            throw new IOException(
                "Cannot read " + describe(key) + ": the connection broke " + resumes + " times", e);
          }
          closeQuietly();
          current = call("read", key, () -> get(key, position, etag));
        }
      }
    }

    @Override
    public void close() throws IOException {
      current.close();
    }

    private void closeQuietly() {
      try {
        current.close();
      } catch (IOException ignored) {
        // the broken stream is replaced
      }
    }
  }
}

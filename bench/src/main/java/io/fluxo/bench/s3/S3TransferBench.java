package io.fluxo.bench.s3;

import io.fluxo.runtime.config.S3Location;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.s3.S3Storage;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.spi.ArtifactRef;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Upload and download throughput of artifacts through {@link ContentStore} on {@link S3Storage},
 * beside a plain minio-java copy of the same bytes: one 256 MiB artifact, and 10,000 small ones.
 * {@code bench/s3/run.sh} starts s3proxy and runs this; arguments: endpoint, access key, secret
 * key, big artifact MiB, small artifact count, small artifact bytes, threads.
 */
public final class S3TransferBench {
  private S3TransferBench() {}

  /** Runs the benchmark and prints one line per measurement. */
  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    String access = args[1];
    String secret = args[2];
    int bigMib = Integer.parseInt(args[3]);
    int smallCount = Integer.parseInt(args[4]);
    int smallBytes = Integer.parseInt(args[5]);
    int threads = Integer.parseInt(args[6]);

    MinioClient minio =
        MinioClient.builder()
            .endpoint(endpoint)
            .region("us-east-1")
            .credentials(access, secret)
            .build();
    for (String bucket : List.of("fluxo-bench", "plain-bench")) {
      if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    }
    S3Storage storage =
        S3Storage.connect(
            S3Location.parse("s3://fluxo-bench/run"), endpoint, "us-east-1", access, secret);
    ContentStore blobs = new ContentStore(storage, "BenchFlow", new KryoArtifactCodec());

    Random random = new Random(42);
    byte[] big = new byte[bigMib << 20];
    random.nextBytes(big);
    List<byte[]> small = new ArrayList<>();
    for (int i = 0; i < smallCount; i++) {
      byte[] b = new byte[smallBytes];
      random.nextBytes(b);
      small.add(b);
    }
    double bigMb = big.length / 1e6;
    double smallMb = (double) smallCount * smallBytes / 1e6;

    // warm-up: JIT, connections
    for (int i = 0; i < 50; i++) {
      blobs.get(blobs.put(small.get(i)).sha());
    }

    long t = System.nanoTime();
    ArtifactRef bigRef = blobs.put(big);
    report("fluxo  upload   1 x " + bigMib + " MiB", t, bigMb);
    t = System.nanoTime();
    byte[] back = (byte[]) blobs.get(bigRef.sha());
    report("fluxo  download 1 x " + bigMib + " MiB", t, bigMb);
    check(back.length == big.length);

    t = System.nanoTime();
    minio.putObject(
        PutObjectArgs.builder().bucket("plain-bench").object("big").stream(
                new ByteArrayInputStream(big), big.length, -1)
            .build());
    report("minio  upload   1 x " + bigMib + " MiB", t, bigMb);
    t = System.nanoTime();
    try (InputStream in =
        minio.getObject(GetObjectArgs.builder().bucket("plain-bench").object("big").build())) {
      check(in.readAllBytes().length == big.length);
    }
    report("minio  download 1 x " + bigMib + " MiB", t, bigMb);
    back = null;

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int parallel : new int[] {1, threads}) {
        String label =
            smallCount
                + " x "
                + smallBytes
                + " B, "
                + parallel
                + " thread"
                + (parallel == 1 ? "" : "s");
        List<String> shas = new ArrayList<>();
        t = System.nanoTime();
        List<ArtifactRef> refs =
            parallel == 1
                ? run(pool, 1, smallCount, i -> blobs.put(small.get(i)))
                : blobs.putAll(
                    small); // ContentStore's own parallel upload (S3Storage.parallelism())
        for (ArtifactRef ref : refs) {
          shas.add(ref.sha());
        }
        report("fluxo  upload   " + label, t, smallMb);
        t = System.nanoTime();
        run(pool, parallel, smallCount, i -> blobs.get(shas.get(i)));
        report("fluxo  download " + label, t, smallMb);

        String dir = "small-" + parallel + "/";
        t = System.nanoTime();
        run(
            pool,
            parallel,
            smallCount,
            i ->
                minio.putObject(
                    PutObjectArgs.builder().bucket("plain-bench").object(dir + i).stream(
                            new ByteArrayInputStream(small.get(i)), smallBytes, -1)
                        .build()));
        report("minio  upload   " + label, t, smallMb);
        t = System.nanoTime();
        run(
            pool,
            parallel,
            smallCount,
            i -> {
              try (InputStream in =
                  minio.getObject(
                      GetObjectArgs.builder().bucket("plain-bench").object(dir + i).build())) {
                return in.readAllBytes();
              }
            });
        report("minio  download " + label, t, smallMb);
        // the next round stores the same values again: dedup then makes uploads existence checks
        // only
        for (int i = 0; i < smallCount; i++) {
          small.get(i)[0]++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A task of the benchmark: item {@code i}. */
  private interface Item<T> {
    T apply(int i) throws Exception;
  }

  private static <T> List<T> run(ExecutorService pool, int parallel, int count, Item<T> item)
      throws Exception {
    List<T> results = new ArrayList<>(count);
    if (parallel == 1) {
      for (int i = 0; i < count; i++) {
        results.add(item.apply(i));
      }
      return results;
    }
    List<Future<T>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      Callable<T> call = () -> item.apply(index);
      futures.add(pool.submit(call));
    }
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    return results;
  }

  private static void report(String what, long startNanos, double mb) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-48s %8.2f s %9.1f MB/s%n", what, seconds, mb / seconds);
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("read back a different size");
    }
  }
}

package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.error.FlowException;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.DatastoreStorage;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Content-addressed artifact blobs of one flow: {@code <Flow>/data/<sha[0:2]>/<sha>}, where sha is
 * the SHA-256 of the stored (encoded, LZ4-compressed) bytes. Identical values are stored once.
 * Every read verifies the hash, so a corrupted or missing blob is reported with its location.
 * Thread-safe.
 */
public final class ContentStore {
  private static final int BLOCK_SIZE = 1 << 20;

  /**
   * LZ4's pure-Java codecs: the native ones are extracted from the jar into a temporary file and
   * loaded in every process, which costs a short task more than they save it.
   */
  private static final LZ4Factory LZ4 = LZ4Factory.fastestJavaInstance();

  private static final XXHashFactory XXHASH = XXHashFactory.fastestJavaInstance();

  /**
   * The block checksum seed of {@link LZ4BlockOutputStream}'s defaults, which the stored format
   * keeps.
   */
  private static final int CHECKSUM_SEED = 0x9747b28c;

  private final DatastoreStorage storage;
  private final String flow;
  private final ArtifactCodec codec;
  private ExecutorService writers;

  /** The blobs of {@code flow} in {@code storage}, encoded with {@code codec}. */
  public ContentStore(DatastoreStorage storage, String flow, ArtifactCodec codec) {
    this.storage = storage;
    this.flow = flow;
    this.codec = codec;
  }

  /** Compresses what is written into {@code out} as a blob is stored: LZ4 blocks with checksums. */
  public static OutputStream compressing(OutputStream out) {
    return new LZ4BlockOutputStream(
        out,
        BLOCK_SIZE,
        LZ4.fastCompressor(),
        XXHASH.newStreamingHash32(CHECKSUM_SEED).asChecksum(),
        false);
  }

  /** Reads what {@link #compressing} wrote to {@code in}. */
  public static InputStream decompressing(InputStream in) {
    return new LZ4BlockInputStream(
        in, LZ4.fastDecompressor(), XXHASH.newStreamingHash32(CHECKSUM_SEED).asChecksum(), false);
  }

  /** The storage key of the blob with hash {@code sha}. */
  public String key(String sha) {
    return flow + "/data/" + sha.substring(0, 2) + "/" + sha;
  }

  /** Where the blob with hash {@code sha} lives, for messages. */
  public String describe(String sha) {
    return storage.describe(key(sha));
  }

  /**
   * Encodes and stores {@code value} unless an intact blob with its content exists: a blob under
   * its hash whose content does not hash so (damaged, truncated) is replaced, atomically.
   *
   * @throws io.fluxo.runtime.error.UserCodeException if the value cannot be serialized
   */
  public ArtifactRef put(Object value) {
    SpoolStream spool = new SpoolStream(storage.scratchDir());
    try {
      MessageDigest digest = sha256();
      try (DigestOutputStream hashed = new DigestOutputStream(spool, digest);
          OutputStream compressed = compressing(hashed)) {
        codec.encode(value, compressed);
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      String key = key(sha);
      if (!storage.exists(key) || !intact(key, sha)) {
        if (spool.file() == null) {
          storage.write(key, spool.bytes());
        } else {
          storage.writeFile(key, spool.file());
        }
      }
      return new ArtifactRef(sha, value == null ? null : value.getClass().getName(), spool.size());
    } catch (IOException e) {
      throw new PlatformException(
          e,
          "Cannot store an artifact in %s: %s",
          storage.describe(flow + "/data"),
          e.getMessage());
    } finally {
      spool.discard();
    }
  }

  /**
   * Starts {@link #put(Object) storing} {@code value}: on a storage that writes several objects at
   * once ({@link DatastoreStorage#parallelism()}), in the background; otherwise now, in this
   * thread. The future fails with what {@code put} would throw.
   */
  public CompletableFuture<ArtifactRef> putAsync(Object value) {
    if (storage.parallelism() <= 1) {
      try {
        return CompletableFuture.completedFuture(put(value));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(() -> put(value), writers());
  }

  /**
   * Stores every value (in parallel where the storage gains from it); returns their refs in order.
   */
  public List<ArtifactRef> putAll(List<?> values) {
    List<CompletableFuture<ArtifactRef>> pending = new ArrayList<>(values.size());
    for (Object value : values) {
      pending.add(putAsync(value));
    }
    List<ArtifactRef> refs = new ArrayList<>(values.size());
    for (CompletableFuture<ArtifactRef> future : pending) {
      refs.add(await(future));
    }
    return refs;
  }

  /** The result of a {@link #putAsync} future, or what {@code put} threw. */
  public static ArtifactRef await(CompletableFuture<ArtifactRef> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private synchronized ExecutorService writers() {
    if (writers == null) {
      AtomicInteger count = new AtomicInteger();
      writers =
          Executors.newFixedThreadPool(
              storage.parallelism(),
              r -> {
                Thread thread = new Thread(r, "fluxo-blob-writer-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
    }
    return writers;
  }

  /**
   * Reads and decodes the blob with hash {@code sha}, verifying its content.
   *
   * @throws PlatformException if the blob is missing or corrupted, naming its location
   */
  public Object get(String sha) {
    return read(sha).value();
  }

  /**
   * Reads and decodes the blob {@code ref} names, verifying its content and that it is what the
   * reference records: a task record edited to point at another blob is refused when that blob's
   * stored size differs. (Its type is not compared: a value's class may change through encoding, as
   * a two-element {@code List.of} made from a stream decodes as another immutable list class.)
   *
   * @throws PlatformException if the blob is missing, corrupted or not the one recorded
   */
  public Object get(ArtifactRef ref) {
    Blob blob = read(ref.sha());
    if (blob.size() != ref.size()) {
      throw new PlatformException(
          "Cannot read artifact blob %s: it holds %d bytes where its record says %d; the task's"
              + " record (data.json) does not match the blob",
          storage.describe(key(ref.sha())), blob.size(), ref.size());
    }
    return blob.value();
  }

  /** A decoded blob and the number of bytes it is stored in. */
  private record Blob(Object value, long size) {}

  private Blob read(String sha) {
    String key = key(sha);
    MessageDigest digest = sha256();
    Object value;
    long[] size = {0};
    try (InputStream raw = storage.open(key);
        DigestInputStream hashed =
            new DigestInputStream(new BufferedInputStream(counting(raw, size), 1 << 16), digest)) {
      try {
        value = codec.decode(decompressing(hashed));
        hashed.transferTo(OutputStream.nullOutputStream());
      } catch (RuntimeException | IOException e) {
        String actual = hashOf(key);
        if (!actual.equals(sha)) {
          throw corrupted(key, actual, e);
        }
        throw e instanceof FlowException flow
            ? flow
            : new PlatformException(
                e, "Cannot read artifact blob %s: %s", storage.describe(key), e.getMessage());
      }
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot read artifact blob %s: %s", storage.describe(key), e.getMessage());
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha)) {
      throw corrupted(key, actual, null);
    }
    return new Blob(value, size[0]);
  }

  /** {@code in}, adding the number of bytes read from it to {@code count[0]}. */
  private static InputStream counting(InputStream in, long[] count) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        count[0] += b < 0 ? 0 : 1;
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count[0] += Math.max(n, 0);
        return n;
      }
    };
  }

  private PlatformException corrupted(String key, String actual, Exception cause) {
    return new PlatformException(
        cause,
        "Cannot read artifact blob %s: it is corrupted (its content hashes to %s)",
        storage.describe(key),
        actual);
  }

  /** Whether the blob at {@code key} reads back whole and hashes to {@code sha}. */
  private boolean intact(String key, String sha) {
    try {
      return hashOf(key).equals(sha);
    } catch (PlatformException unreadable) {
      return false;
    }
  }

  private String hashOf(String key) {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(storage.open(key), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot read artifact blob %s: %s", storage.describe(key), e.getMessage());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

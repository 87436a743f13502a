package io.fluxo.runtime.internal.task;

import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.ForeachFrame;
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs, in memory, the code paths every task takes (JSON records, Kryo, LZ4, SHA-256), so that a
 * task process started ahead of need has its classes loaded and initialized before its task comes.
 * Touches no file and no user code.
 */
public final class TaskWarmup {
  private TaskWarmup() {}

  /** Exercises the task's code paths once. */
  public static void run() {
    String sha = "0".repeat(64);
    TaskPath task = new TaskPath("Warmup", "1", "start", "1");
    Map<String, ArtifactRef> refs = Map.of("x", new ArtifactRef(sha, "java.lang.String", 1));
    TaskData data =
        new TaskData(
            refs,
            List.of(new ForeachFrame("start", 0, 1, sha)),
            new TakenTransition(TransitionKind.LINEAR, List.of("end"), List.of(sha)));
    Instant now = Instant.now();
    roundTrip(data, TaskData.class);
    roundTrip(
        new AttemptResult(0, AttemptStatus.SUCCEEDED, now, now, null, null), AttemptResult.class);
    roundTrip(
        new AttemptRecord(task, 0, AttemptStatus.SUCCEEDED, now, now, 1, refs, null),
        AttemptRecord.class);
    roundTrip(new TaskRecord(task, List.of("1/_parameters/0"), -1, null, now), TaskRecord.class);
    try {
      KryoArtifactCodec codec = new KryoArtifactCodec();
      MessageDigest.getInstance("SHA-256")
          .digest(sha.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream out = ContentStore.compressing(bytes)) {
        Map<String, Object> sample =
            new HashMap<>(Map.of("list", List.of(1, 2L, 3.0, "four"), "array", new int[] {1, 2}));
        codec.encode(sample, out);
      }
      codec.decode(ContentStore.decompressing(new ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException | NoSuchAlgorithmException e) {
      // warm-up only: the task itself reports real failures
    }
  }

  private static <T extends Record> void roundTrip(T value, Class<T> type) {
    RecordJson.read(new ByteArrayInputStream(RecordJson.write(value)), type, "warm-up");
  }
}

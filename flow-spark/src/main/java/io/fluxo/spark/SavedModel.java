package io.fluxo.spark;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UserCodeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;
import org.apache.spark.ml.util.MLWritable;

/**
 * Saves an MLlib model (any {@link MLWritable}) at a location you choose, a path or an S3 URI, and
 * loads it back. The folder is MLlib's own, so any Spark program loads it with the model's {@code
 * load}; beside it lies a snapshot ({@value #SNAPSHOT}, the model as Spark ships it to executors)
 * from which {@link #load} reads the model in milliseconds, where MLlib's reader runs a few Spark
 * jobs per stage: seconds in a task's fresh JVM. Without a snapshot that this JVM's classes read
 * (saved by something else, or by another Spark version), {@link #load} uses MLlib's reader.
 *
 * <p>A snapshot is read with Java deserialization: load only models saved where your code could
 * have written.
 */
public final class SavedModel {
  /** The snapshot's file name in the model's folder. */
  public static final String SNAPSHOT = "fluxo-snapshot";

  private SavedModel() {}

  /**
   * Saves {@code model} at {@code location} (see {@link Spark#uri}), replacing what is there;
   * returns its URI.
   *
   * @throws IOException if the model or its snapshot cannot be written
   */
  public static String save(MLWritable model, String location) throws IOException {
    String uri = Spark.uri(location);
    Spark.session(); // MLlib's writer takes the active session, else starts one without Fluxo's
    // settings
    model.write().overwrite().save(uri);
    byte[] snapshot = ModelSnapshot.of(model);
    if (snapshot != null) {
      Path file = new Path(uri, SNAPSHOT);
      try (OutputStream out = file.getFileSystem(hadoopConf()).create(file, true)) {
        out.write(snapshot);
      }
    }
    return uri;
  }

  /**
   * The {@code type} saved at {@code location}: from its snapshot when this JVM reads it, else with
   * MLlib's reader.
   *
   * @throws UserCodeException if nothing is saved at {@code location}
   */
  public static <T extends MLWritable> T load(String location, Class<T> type) {
    String uri = Spark.uri(location);
    byte[] snapshot = snapshot(uri);
    Object model = snapshot == null ? null : ModelSnapshot.read(snapshot, type.getName());
    if (model == null && !exists(uri)) {
      throw new UserCodeException(
          "Cannot load a %s from %s: there is nothing at that location", type.getSimpleName(), uri);
    }
    return type.cast(model != null ? model : loadWithReader(type.getName(), uri));
  }

  /** The {@code className} saved at {@code uri}, loaded by MLlib: {@code className.load(uri)}. */
  static Object loadWithReader(String className, String uri) {
    try {
      Class<?> type =
          Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      return type.getMethod("load", String.class).invoke(null, uri);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new PlatformException(
          cause, "Cannot load the %s saved at %s: %s", className, uri, cause.getMessage());
    } catch (ReflectiveOperationException e) {
      throw new PlatformException(
          e,
          "Cannot load the %s saved at %s: its class has no load(String): %s",
          className,
          uri,
          e);
    }
  }

  /**
   * The snapshot beside the model at {@code uri}, or null if there is none or it cannot be read:
   * one status and one read, two requests on S3.
   */
  private static byte[] snapshot(String uri) {
    Path file = new Path(uri, SNAPSHOT);
    try {
      FileSystem fs = file.getFileSystem(hadoopConf());
      FileStatus status = fs.getFileStatus(file);
      if (status.getLen() > ModelSnapshot.MAX_BYTES) {
        return null;
      }
      try (InputStream in =
          FutureIO.awaitFuture(fs.openFile(file).withFileStatus(status).build())) {
        return in.readAllBytes();
      }
    } catch (FileNotFoundException e) {
      return null; // saved by something else: MLlib's reader loads it
    } catch (IOException e) {
      return null; // MLlib's reader reports what is wrong with the folder
    }
  }

  /** Whether there is anything at {@code uri}. */
  private static boolean exists(String uri) {
    Path path = new Path(uri);
    try {
      return path.getFileSystem(hadoopConf()).exists(path);
    } catch (IOException e) {
      return true; // MLlib's reader reports what is wrong
    }
  }

  private static Configuration hadoopConf() {
    return Spark.session().sessionState().newHadoopConf();
  }
}

package io.fluxo.spark;

import io.fluxo.runtime.datastore.ExternalValue;
import io.fluxo.runtime.error.PlatformException;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * An MLlib model (any {@link MLWritable}) artifact, saved with its own writer, so that any Spark
 * program can load the folder, and kept as well as a snapshot: the model serialized the way Spark
 * ships it to executors. A later step, {@code dump} or the client reads the snapshot (a few
 * milliseconds) rather than the folder (MLlib's reader runs a few Spark jobs per stage, seconds in a
 * fresh JVM), and falls back to the folder when the snapshot cannot be read by its classes (another
 * Spark version) or there is none (the model is not serializable, or larger than {@link
 * #MAX_SNAPSHOT_BYTES}).
 *
 * @param location the saved model's folder, a {@code file:} or {@code s3a:} URI
 * @param className the model's class, whose companion {@code MLReadable} loads it
 * @param summary the model's stages or {@code toString}, for {@code dump}
 * @param snapshot the model Java-serialized by Spark's {@link JavaSerializer}, or null
 */
public record StoredModel(String location, String className, String summary, byte[] snapshot) implements ExternalValue {
  /** Models whose snapshot would be larger than this are only saved with their writer. */
  static final int MAX_SNAPSHOT_BYTES = 32 << 20;

  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);

  /** Saves {@code model} at {@code location} (a URI, see {@link Spark#uri}), replacing what is there. */
  static StoredModel write(MLWritable model, String location) {
    Spark.session();
    try {
      model.write().overwrite().save(location);
    } catch (java.io.IOException e) {
      throw new PlatformException(e, "Cannot save the model at %s: %s", location, e.getMessage());
    }
    return new StoredModel(location, model.getClass().getName(), summary(model), snapshot(model));
  }

  private static byte[] snapshot(MLWritable model) {
    try {
      ByteBuffer bytes = serializer().serialize(model, ANY);
      return bytes.remaining() <= MAX_SNAPSHOT_BYTES ? JavaUtils.bufferToArray(bytes) : null;
    } catch (Exception e) { // NotSerializableException, thrown through Scala undeclared
      return null; // not serializable (a field that Spark never ships): the saved folder is enough
    }
  }

  private static String summary(MLWritable model) {
    if (model instanceof PipelineModel pipeline) {
      StringBuilder text = new StringBuilder("stages ");
      for (Transformer stage : pipeline.stages()) {
        text.append(text.length() > 7 ? ", " : "").append(stage.getClass().getSimpleName());
      }
      return text.toString();
    }
    return model.toString();
  }

  /**
   * The model, from its snapshot when this JVM's classes read it, otherwise loaded with {@code
   * className.load(location)}; under the task's (or client's) session either way.
   */
  @Override
  public Object open() {
    Spark.session();
    Object model = snapshot == null ? null : fromSnapshot();
    return Reopened.remember(model != null ? model : load(), this);
  }

  private Object fromSnapshot() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Object model = serializer().deserialize(ByteBuffer.wrap(snapshot), loader, ANY);
      return model.getClass().getName().equals(className) ? model : null;
    } catch (Exception | LinkageError e) { // InvalidClassException, ClassNotFoundException, ...
      return null; // classes of another Spark version: MLlib's format is the portable one
    }
  }

  private Object load() {
    try {
      Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      return type.getMethod("load", String.class).invoke(null, location);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new PlatformException(cause, "Cannot load the %s saved at %s: %s", className, location, cause.getMessage());
    } catch (ReflectiveOperationException e) {
      throw new PlatformException(e, "Cannot load the %s saved at %s: its class has no load(String): %s", className, location, e);
    }
  }

  private static SerializerInstance serializer() {
    return new JavaSerializer(Spark.session().sparkContext().getConf()).newInstance();
  }

  /** {@code MLlib PipelineModel, stages StringIndexerModel, ...; at file:/...}. */
  @Override
  public String describe() {
    return "MLlib " + className.substring(className.lastIndexOf('.') + 1) + ", " + summary + "; at " + location;
  }
}

package io.fluxo.spark;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.spi.ExternalValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.MLWritable;

/**
 * An MLlib model (any {@link MLWritable}) artifact, saved with its own writer, so that any Spark
 * program can load the folder, and kept as well as a snapshot: the model serialized the way Spark
 * ships it to executors. A later step, {@code dump} or the client reads the snapshot (a few
 * milliseconds) rather than the folder (MLlib's reader runs a few Spark jobs per stage, seconds in
 * a fresh JVM), and falls back to the folder when the snapshot cannot be read by its classes
 * (another Spark version) or there is none (the model is not serializable, or larger than {@link
 * ModelSnapshot#MAX_BYTES}).
 *
 * @param location the saved model's folder, a {@code file:} or {@code s3a:} URI
 * @param className the model's class, whose companion {@code MLReadable} loads it
 * @param summary the model's stages or {@code toString}, for {@code dump}
 * @param snapshot the model's {@link ModelSnapshot}, or null
 */
public record StoredModel(String location, String className, String summary, byte[] snapshot)
    implements ExternalValue {
  /**
   * Saves {@code model} at {@code location} (a URI, see {@link Spark#uri}), replacing what is
   * there.
   */
  static StoredModel write(MLWritable model, String location) {
    Spark.session();
    try {
      model.write().overwrite().save(location);
    } catch (java.io.IOException e) {
      throw new PlatformException(e, "Cannot save the model at %s: %s", location, e.getMessage());
    }
    return new StoredModel(
        location, model.getClass().getName(), summary(model), ModelSnapshot.of(model));
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
    Object model = snapshot == null ? null : ModelSnapshot.read(snapshot, className);
    return Reopened.remember(
        model != null ? model : SavedModel.loadWithReader(className, location), this);
  }

  /** {@code MLlib PipelineModel, stages StringIndexerModel, ...; at file:/...}. */
  @Override
  public String describe() {
    return "MLlib "
        + className.substring(className.lastIndexOf('.') + 1)
        + ", "
        + summary
        + "; at "
        + location;
  }

  /** {@code format} ({@code mllib}), {@code location}, {@code class} and {@code summary}. */
  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("format", "mllib");
    details.put("location", location);
    details.put("class", className);
    details.put("summary", summary);
    return details;
  }
}

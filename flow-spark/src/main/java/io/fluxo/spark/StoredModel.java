package io.fluxo.spark;

import io.fluxo.runtime.datastore.ExternalValue;
import io.fluxo.runtime.error.PlatformException;
import java.lang.reflect.InvocationTargetException;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.MLWritable;

/**
 * An MLlib model (any {@link MLWritable}) artifact, saved with its own writer and reloaded with its
 * class's {@code load(path)}.
 *
 * @param location the saved model's folder, a {@code file:} or {@code s3a:} URI
 * @param className the model's class, whose companion {@code MLReadable} loads it
 * @param summary the model's stages or {@code toString}, for {@code dump}
 */
public record StoredModel(String location, String className, String summary) implements ExternalValue {
  /** Saves {@code model} at {@code location} (a URI, see {@link Spark#uri}), replacing what is there. */
  static StoredModel write(MLWritable model, String location) {
    Spark.session();
    try {
      model.write().overwrite().save(location);
    } catch (java.io.IOException e) {
      throw new PlatformException(e, "Cannot save the model at %s: %s", location, e.getMessage());
    }
    return new StoredModel(location, model.getClass().getName(), summary(model));
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

  /** The model, loaded with {@code className.load(location)} under the task's (or client's) session. */
  @Override
  public Object open() {
    Spark.session();
    try {
      Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      return Reopened.remember(type.getMethod("load", String.class).invoke(null, location), this);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new PlatformException(cause, "Cannot load the %s saved at %s: %s", className, location, cause.getMessage());
    } catch (ReflectiveOperationException e) {
      throw new PlatformException(e, "Cannot load the %s saved at %s: its class has no load(String): %s", className, location, e);
    }
  }

  /** {@code MLlib PipelineModel, stages StringIndexerModel, ...; at file:/...}. */
  @Override
  public String describe() {
    return "MLlib " + className.substring(className.lastIndexOf('.') + 1) + ", " + summary + "; at " + location;
  }
}

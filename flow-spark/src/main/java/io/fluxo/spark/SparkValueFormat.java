package io.fluxo.spark;

import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.S3aSettings;
import io.fluxo.runtime.spi.ExternalValue;
import io.fluxo.runtime.spi.ExternalValueFormat;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;

/**
 * Stores Spark values as artifacts in Spark's own formats, under the artifact's folder in the
 * datastore: a {@link Dataset} as Parquet ({@link StoredDataset}), an MLlib model or any other
 * {@link MLWritable} with its writer ({@link StoredModel}). A value reopened from an artifact and
 * stored again unchanged keeps its reference; nothing is rewritten. On an S3 datastore, Spark reads
 * and writes them through S3A with the datastore's settings ({@link #prepare}).
 */
public final class SparkValueFormat implements ExternalValueFormat {
  private static final String DATASET = "org.apache.spark.sql.Dataset";
  private static final String ML_WRITABLE = "org.apache.spark.ml.util.MLWritable";

  /**
   * Accepts Datasets and {@link MLWritable}s; decides by class name, so other values load no Spark
   * class.
   */
  @Override
  public boolean accepts(Object value) {
    return value != null && (isA(value.getClass(), DATASET) || isA(value.getClass(), ML_WRITABLE));
  }

  @Override
  public ExternalValue write(Object value, String location) {
    ExternalValue reopened = Reopened.of(value);
    if (reopened != null) {
      return reopened;
    }
    String uri = Spark.uri(location);
    if (value instanceof Dataset<?> dataset) {
      return StoredDataset.write(dataset, uri);
    }
    return StoredModel.write((MLWritable) value, uri);
  }

  /**
   * On an S3 datastore, hands its S3A settings ({@link S3aSettings}) to this JVM's Spark session
   * ({@link Spark#session()}, whether created before or after): in a task as the defaults for every
   * bucket, in a client for the datastore's bucket alone. Nothing for a local datastore.
   */
  @Override
  public void prepare(Context context) {
    FluxoConfig.Datastore datastore = context.datastore();
    if (datastore.type() != DatastoreType.S3) {
      return;
    }
    S3aSettings settings = S3aSettings.of(datastore);
    Spark.addDatastoreProperties(
        context.scope() == Scope.TASK
            ? settings.sparkProperties()
            : settings.sparkPropertiesFor(datastore.s3Root().bucket()));
  }

  private static boolean isA(Class<?> type, String name) {
    if (type == null) {
      return false;
    }
    if (type.getName().equals(name) || isA(type.getSuperclass(), name)) {
      return true;
    }
    for (Class<?> implemented : type.getInterfaces()) {
      if (isA(implemented, name)) {
        return true;
      }
    }
    return false;
  }
}

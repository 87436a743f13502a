package io.fluxo.spark;

import io.fluxo.runtime.spi.ExternalValue;
import io.fluxo.runtime.spi.ExternalValueFormat;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;

/**
 * Stores Spark values as artifacts in Spark's own formats, under the artifact's folder in the
 * datastore: a {@link Dataset} as Parquet ({@link StoredDataset}), an MLlib model or any other
 * {@link MLWritable} with its writer ({@link StoredModel}). A value reopened from an artifact and
 * stored again unchanged keeps its reference; nothing is rewritten.
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

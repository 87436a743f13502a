package io.fluxo.spark;

import io.fluxo.runtime.datastore.ExternalValue;
import io.fluxo.runtime.error.PlatformException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;

/**
 * A {@code Dataset} artifact, stored as a Parquet folder; reopened lazily (as a {@code Dataset<Row>};
 * use {@code .as(encoder)} for a typed one).
 *
 * @param location the Parquet folder, a {@code file:} or {@code s3a:} URI
 * @param schema the schema in DDL form, e.g. {@code origin STRING,delay INT}
 * @param rows the number of rows
 * @param bytes the size of the Parquet files
 * @param firstRows the first few rows, as {@code Row.toString()}, for {@code dump}
 */
public record StoredDataset(String location, String schema, long rows, long bytes, List<String> firstRows)
    implements ExternalValue {
  /** How many rows {@link #firstRows()} keeps. */
  static final int FIRST_ROWS = 5;

  /** Compact form for Kryo: a plain list. */
  public StoredDataset {
    firstRows = new ArrayList<>(firstRows);
  }

  /**
   * Writes {@code dataset} as Parquet at {@code location} (a URI, see {@link Spark#uri}) and
   * describes it. A dataset that is exactly what Spark read from Parquet files (no column, filter or
   * other change; not partitioned by folder) is stored by copying those files, which gives the same
   * rows and schema without decoding and encoding them again; anything else is written by Spark.
   */
  static StoredDataset write(Dataset<?> dataset, String location) {
    SparkSession session = dataset.sparkSession();
    Dataset<Row> written = copiedParquet(dataset, location);
    if (written == null) {
      dataset.write().mode(SaveMode.Overwrite).parquet(location);
      written = session.read().parquet(location);
    }
    List<String> first = written.limit(FIRST_ROWS).collectAsList().stream().map(Row::toString).toList();
    return new StoredDataset(location, written.schema().toDDL(), written.count(), size(session, location), first);
  }

  /**
   * The copy of {@code dataset}'s Parquet files at {@code location}, read back, if {@code dataset}
   * is a plain read of Parquet files and the copy reads back with its schema; else null, with
   * nothing left at {@code location}.
   */
  private static Dataset<Row> copiedParquet(Dataset<?> dataset, String location) {
    if (!(dataset.queryExecution().analyzed() instanceof LogicalRelation relation)
        || !(relation.relation() instanceof HadoopFsRelation files)
        || !(files.fileFormat() instanceof ParquetFileFormat)
        || !files.partitionSchema().isEmpty()
        || files.bucketSpec().isDefined()) {
      return null;
    }
    SparkSession session = dataset.sparkSession();
    Configuration conf = session.sessionState().newHadoopConf();
    Path target = new Path(location);
    try {
      FileSystem targetFs = target.getFileSystem(conf);
      targetFs.delete(target, true);
      String[] sources = dataset.inputFiles();
      for (int i = 0; i < sources.length; i++) {
        Path source = new Path(sources[i]);
        Path copy = new Path(target, String.format("part-%05d-%s", i, source.getName()));
        FileUtil.copy(source.getFileSystem(conf), source, targetFs, copy, false, conf);
      }
      Dataset<Row> copied = session.read().parquet(location);
      if (copied.schema().equals(dataset.schema())) {
        return copied;
      }
      targetFs.delete(target, true);
      return null;
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot copy the Parquet files of a dataset to %s: %s", location, e.getMessage());
    }
  }

  private static long size(SparkSession session, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(session.sparkContext().hadoopConfiguration());
      return fs.getContentSummary(path).getLength();
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot size the Parquet folder %s: %s", location, e.getMessage());
    }
  }

  /** The dataset, read lazily with the task's (or client's) {@link Spark#session()}. */
  @Override
  public Dataset<Row> open() {
    return Reopened.remember(Spark.session().read().parquet(location), this);
  }

  /** {@code Parquet dataset, 12,000 rows, 81,920 bytes: origin STRING, ...; first rows: [..] [..]; at file:/...}. */
  @Override
  public String describe() {
    return String.format("Parquet dataset, %,d rows, %,d bytes: %s; first rows: %s; at %s",
        rows, bytes, schema.replace(",", ", "), String.join(" ", firstRows), location);
  }
}

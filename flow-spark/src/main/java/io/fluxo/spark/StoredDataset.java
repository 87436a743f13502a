package io.fluxo.spark;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.runtime.spi.ExternalValue;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.Footer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.StructType;

/**
 * A {@code Dataset} artifact, stored as a Parquet folder; reopened lazily, as a {@code
 * Dataset<Row>}, or typed when the field it is read into is declared so ({@link #open(Type)}).
 *
 * @param location the Parquet folder, a {@code file:} or {@code s3a:} URI
 * @param schema the schema in DDL form, e.g. {@code origin STRING,delay INT}
 * @param rows the number of rows
 * @param bytes the size of the Parquet files
 * @param firstRows the first few rows, as {@code Row.toString()}, for {@code dump}
 */
public record StoredDataset(
    String location, String schema, long rows, long bytes, List<String> firstRows)
    implements ExternalValue {
  /** How many rows {@link #firstRows()} keeps. */
  static final int FIRST_ROWS = 5;

  /** How many threads at most read a stored Dataset's footers. */
  private static final int FOOTER_READERS = 8;

  /** Compact form for Kryo: a plain list. */
  public StoredDataset {
    firstRows = new ArrayList<>(firstRows);
  }

  /**
   * Writes {@code dataset} as Parquet at {@code location} (a URI, see {@link Spark#uri}) and
   * describes it. A dataset that is exactly what Spark read from Parquet files (no column, filter
   * or other change; not partitioned by folder) is stored by copying those files, which gives the
   * same rows and schema without decoding and encoding them again; anything else is written by
   * Spark.
   */
  static StoredDataset write(Dataset<?> dataset, String location) {
    SparkSession session = dataset.sparkSession();
    Contents contents = copiedParquet(dataset, location);
    if (contents == null) {
      dataset.write().mode(SaveMode.Overwrite).parquet(location);
      contents = contents(session, location);
    }
    Dataset<Row> written = read(session, location, contents.schema());
    List<String> first =
        written.limit(FIRST_ROWS).collectAsList().stream().map(Row::toString).toList();
    return new StoredDataset(
        location, written.schema().toDDL(), contents.rows(), contents.bytes(), first);
  }

  /**
   * What the copy of {@code dataset}'s Parquet files at {@code location} holds, if {@code dataset}
   * is a plain read of Parquet files and the copy reads back with its schema; else null, with
   * nothing left at {@code location}.
   */
  private static Contents copiedParquet(Dataset<?> dataset, String location) {
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
      Contents copied = contents(session, location);
      if (read(session, location, copied.schema()).schema().equals(dataset.schema())) {
        return copied;
      }
      targetFs.delete(target, true);
      return null;
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot copy the Parquet files of a dataset to %s: %s", location, e.getMessage());
    }
  }

  /**
   * The Parquet folder at {@code location}, with {@code schema}: the one Spark would infer from its
   * first data file's footer, read by {@link #contents} or {@link #footerSchema} rather than by the
   * Spark job that inference runs (a few tenths of a second per dataset in a fresh task JVM);
   * inferred by Spark if null (no data file).
   */
  private static Dataset<Row> read(SparkSession session, String location, StructType schema) {
    return schema == null
        ? session.read().parquet(location)
        : session.read().schema(schema).parquet(location);
  }

  /** The schema Spark reads in the first data file at {@code location}, or null if it has none. */
  private static StructType footerSchema(SparkSession session, String location) {
    Configuration conf = session.sessionState().newHadoopConf();
    try {
      for (FileStatus file : dataFiles(conf, location)) {
        return sparkSchema(session, new Footer(file.getPath(), footer(conf, file)));
      }
      return null;
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot read the Parquet folder %s: %s", location, e.getMessage());
    }
  }

  /**
   * The schema in a Parquet file's footer as Spark reads it: the one Spark wrote there, with its
   * column metadata, or else the Parquet schema converted with the session's settings.
   */
  private static StructType sparkSchema(SparkSession session, Footer footer) {
    return ParquetFileFormat.readSchemaFromFooter(
        footer, new ParquetToSparkSchemaConverter(session.sessionState().conf()));
  }

  /**
   * What the Parquet files at {@code location} hold: the first one's schema as Spark reads it (null
   * if there is no file), and all their rows and bytes.
   */
  private record Contents(StructType schema, long rows, long bytes) {}

  /**
   * The contents of the folder at {@code location}, from its files' footers: one pass, no Spark
   * job.
   */
  private static Contents contents(SparkSession session, String location) {
    Configuration conf = session.sessionState().newHadoopConf();
    try {
      List<FileStatus> files = dataFiles(conf, location);
      List<ParquetMetadata> footers = footers(conf, files);
      StructType schema =
          files.isEmpty()
              ? null
              : sparkSchema(session, new Footer(files.get(0).getPath(), footers.get(0)));
      long rows =
          footers.stream()
              .flatMap(footer -> footer.getBlocks().stream())
              .mapToLong(BlockMetaData::getRowCount)
              .sum();
      long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
      return new Contents(schema, rows, bytes);
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot read the Parquet folder %s: %s", location, e.getMessage());
    }
  }

  /**
   * The footers of {@code files}, in order, read by up to {@value #FOOTER_READERS} threads: on S3
   * each costs a round trip or two, and Spark may have written hundreds of files.
   */
  private static List<ParquetMetadata> footers(Configuration conf, List<FileStatus> files)
      throws IOException {
    if (files.size() < 2) {
      return files.isEmpty() ? List.of() : List.of(footer(conf, files.get(0)));
    }
    ExecutorService readers =
        Executors.newFixedThreadPool(
            Math.min(FOOTER_READERS, files.size()),
            task -> {
              Thread thread = new Thread(task, "fluxo-parquet-footers");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<ParquetMetadata>> reads = new ArrayList<>();
      for (FileStatus file : files) {
        reads.add(readers.submit(() -> footer(conf, file)));
      }
      List<ParquetMetadata> footers = new ArrayList<>();
      for (Future<ParquetMetadata> read : reads) {
        footers.add(read.get());
      }
      return footers;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while reading Parquet footers");
    } finally {
      readers.shutdownNow();
    }
  }

  private static ParquetMetadata footer(Configuration conf, FileStatus file) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
      return reader.getFooter();
    }
  }

  /**
   * The data files in the folder at {@code location}: those Spark reads, not {@code _SUCCESS} or
   * hidden ones.
   */
  private static List<FileStatus> dataFiles(Configuration conf, String location)
      throws IOException {
    Path folder = new Path(location);
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus file : folder.getFileSystem(conf).listStatus(folder)) {
      String name = file.getPath().getName();
      if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        files.add(file);
      }
    }
    return files;
  }

  /** The dataset, read lazily with the task's (or client's) {@link Spark#session()}. */
  @Override
  public Dataset<Row> open() {
    SparkSession session = Spark.session();
    return Reopened.remember(read(session, location, footerSchema(session, location)), this);
  }

  /**
   * As {@link #open()}, typed when {@code declared} is {@code Dataset<T>} for a {@code T} other
   * than {@code Row}: a String, a boxed primitive, a {@code BigDecimal}, a date or time class that
   * Spark encodes, or else a Java bean ({@link Encoders#bean}).
   */
  @Override
  public Object open(Type declared) {
    Class<?> element =
        declared instanceof ParameterizedType generic
                && generic.getRawType() == Dataset.class
                && generic.getActualTypeArguments()[0] instanceof Class<?> argument
            ? argument
            : Row.class;
    Dataset<Row> rows = open();
    if (element == Row.class) {
      return rows;
    }
    try {
      return Reopened.remember(rows.as(encoder(element)), this);
    } catch (Exception e) { // also an AnalysisException, which Scala throws without declaring it
      throw new UserCodeException(
          e,
          "Cannot open the Dataset at %s as Dataset<%s>: %s; declare the field Dataset<Row> "
              + "and convert it with .as(encoder)",
          location,
          element.getName(),
          e.getMessage());
    }
  }

  /**
   * The encoder of {@code element}: Spark's for the classes it encodes as one value, else a bean
   * encoder.
   */
  private static Encoder<?> encoder(Class<?> element) {
    Map<Class<?>, Supplier<Encoder<?>>> single =
        Map.ofEntries(
            Map.entry(String.class, Encoders::STRING),
            Map.entry(Long.class, Encoders::LONG),
            Map.entry(Integer.class, Encoders::INT),
            Map.entry(Double.class, Encoders::DOUBLE),
            Map.entry(Float.class, Encoders::FLOAT),
            Map.entry(Short.class, Encoders::SHORT),
            Map.entry(Byte.class, Encoders::BYTE),
            Map.entry(Boolean.class, Encoders::BOOLEAN),
            Map.entry(BigDecimal.class, Encoders::DECIMAL),
            Map.entry(byte[].class, Encoders::BINARY),
            Map.entry(java.sql.Date.class, Encoders::DATE),
            Map.entry(LocalDate.class, Encoders::LOCALDATE),
            Map.entry(java.sql.Timestamp.class, Encoders::TIMESTAMP),
            Map.entry(Instant.class, Encoders::INSTANT),
            Map.entry(LocalDateTime.class, Encoders::LOCALDATETIME));
    Supplier<Encoder<?>> encoder = single.get(element);
    return encoder != null ? encoder.get() : Encoders.bean(element);
  }

  /** {@link #firstRows()}. */
  @Override
  public List<String> sample() {
    return firstRows;
  }

  /**
   * {@code format} ({@code parquet}), {@code location}, {@code schema} (DDL), {@code rows} and
   * {@code bytes}; not the first rows, which are data.
   */
  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("format", "parquet");
    details.put("location", location);
    details.put("schema", schema);
    details.put("rows", Long.toString(rows));
    details.put("bytes", Long.toString(bytes));
    return details;
  }

  /**
   * {@code Parquet dataset, 12,000 rows, 81,920 bytes: origin STRING, ...; first rows: [..] [..];
   * at file:/...}.
   */
  @Override
  public String describe() {
    return String.format(
        "Parquet dataset, %,d rows, %,d bytes: %s; first rows: %s; at %s",
        rows, bytes, schema.replace(",", ", "), String.join(" ", firstRows), location);
  }
}

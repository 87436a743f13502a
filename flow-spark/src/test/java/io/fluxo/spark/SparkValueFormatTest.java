package io.fluxo.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.Secret;
import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.spi.ExternalValue;
import io.fluxo.runtime.spi.ExternalValueFormat.Context;
import io.fluxo.runtime.spi.ExternalValueFormat.Scope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips of artifacts and saved models through a real local Spark, as a task and a later task
 * or the client do.
 */
class SparkValueFormatTest {
  private final SparkValueFormat format = new SparkValueFormat();

  @TempDir Path dir;

  @Test
  void accepts_sparkValuesOnly() {
    assertThat(format.accepts(flights())).isTrue();
    assertThat(format.accepts("a string")).isFalse();
    assertThat(format.accepts(List.of(1, 2))).isFalse();
  }

  @Test
  void prepare_onS3_givesNewAndRunningSessionsTheS3aSettings_neverSystemProperties() {
    Spark.stop();
    format.prepare(new Context(s3("client-bucket", "client-secret-0123456789"), Scope.CLIENT));
    Configuration started = Spark.session().sparkContext().hadoopConfiguration();
    format.prepare(new Context(s3("task-bucket", "task-secret-0123456789"), Scope.TASK));

    // a client's settings reach a session created afterwards, for its bucket alone
    assertThat(started.get("fs.s3a.bucket.client-bucket.secret.key"))
        .isEqualTo("client-secret-0123456789");
    assertThat(started.get("fs.s3a.bucket.client-bucket.endpoint")).isEqualTo("http://127.0.0.1:9");
    // a task's reach the running session, for every bucket, and the next session too
    assertThat(started.get("fs.s3a.secret.key")).isEqualTo("task-secret-0123456789");
    assertThat(Spark.conf().get("spark.hadoop.fs.s3a.path.style.access")).isEqualTo("true");
    assertThat(System.getProperties())
        .allSatisfy(
            (name, value) ->
                assertThat(value)
                    .as("system property %s", name)
                    .asString()
                    .doesNotContain("client-secret", "task-secret"));
  }

  @Test
  void dataset_isStoredAsParquetDescribedAndReopened() throws Exception {
    StoredDataset stored =
        (StoredDataset) format.write(flights(), dir.resolve("flights").toString());

    assertThat(stored.location()).startsWith("file:/").endsWith("/flights");
    assertThat(Files.isDirectory(dir.resolve("flights"))).isTrue();
    assertThat(stored.rows()).isEqualTo(4);
    assertThat(stored.bytes()).isPositive();
    assertThat(stored.schema()).isEqualTo("origin STRING,distance INT,delay INT");
    assertThat(stored.firstRows()).hasSize(4).contains("[JFK,2475,-3]");
    assertThat(stored.describe())
        .contains("Parquet dataset, 4 rows", "origin STRING, distance INT", "[JFK,2475,-3]");

    ExternalValue decoded = kryoRoundTrip(stored);
    Dataset<Row> reopened = ((StoredDataset) decoded).open();
    assertThat(reopened.count()).isEqualTo(4);
    assertThat(reopened.where("origin = 'SFO'").first().getInt(1)).isEqualTo(2586);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dataset_isReopenedWithTheTypeItsFieldDeclares() throws Exception {
    ExternalValue stored =
        kryoRoundTrip(format.write(flights(), dir.resolve("flights").toString()));

    Dataset<Flight> typed = (Dataset<Flight>) stored.open(declared("typedFlights"));
    assertThat(typed.collectAsList()).hasSize(4).allMatch(Flight.class::isInstance);
    assertThat(typed.filter((FilterFunction<Flight>) flight -> flight.getDelay() > 10).count())
        .isEqualTo(2);
    assertThat(format.write(typed, dir.resolve("again").toString())).isEqualTo(stored);
    assertThat(dir.resolve("again")).doesNotExist();
    assertThat(((Dataset<?>) stored.open(declared("rows"))).first()).isInstanceOf(Row.class);
    assertThat(((Dataset<?>) stored.open(Object.class)).first()).isInstanceOf(Row.class);

    ExternalValue ids = format.write(Spark.session().range(3), dir.resolve("ids").toString());
    assertThat(((Dataset<Long>) ids.open(declared("ids"))).collectAsList())
        .containsExactlyInAnyOrder(0L, 1L, 2L);
  }

  @Test
  void dataset_thatDoesNotFitItsDeclaredType_isTheFlowsError() {
    ExternalValue stored = format.write(flights(), dir.resolve("flights").toString());

    assertThatThrownBy(() -> stored.open(declared("withCarrier")))
        .isInstanceOf(UserCodeException.class)
        .hasMessageStartingWith(
            "Cannot open the Dataset at "
                + ((StoredDataset) stored).location()
                + " as Dataset<"
                + WithCarrier.class.getName())
        .hasMessageContaining("carrier")
        .hasMessageEndingWith("declare the field Dataset<Row> and convert it with .as(encoder)");
  }

  @Test
  void dataset_readFromParquetUnchanged_isStoredByCopyingItsFiles() throws Exception {
    flights().repartition(2).write().parquet(dir.resolve("raw").toString());
    Dataset<Row> raw = Spark.session().read().parquet(dir.resolve("raw").toString());

    StoredDataset stored = (StoredDataset) format.write(raw, dir.resolve("copy").toString());

    List<Path> sources;
    List<Path> copies;
    try (var files = Files.list(dir.resolve("raw"))) {
      sources =
          files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    try (var files = Files.list(dir.resolve("copy"))) {
      copies = files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    assertThat(copies).hasSameSizeAs(sources).hasSize(2);
    for (Path copy : copies) {
      String original = copy.getFileName().toString().substring("part-00000-".length());
      assertThat(copy).hasSameBinaryContentAs(dir.resolve("raw").resolve(original));
    }
    assertThat(stored.rows()).isEqualTo(4);
    assertThat(stored.schema()).isEqualTo("origin STRING,distance INT,delay INT");
    assertThat(stored.open().where("origin = 'ORD'").first().getInt(2)).isEqualTo(20);
  }

  @Test
  void dataset_ofManyFiles_isCountedAndSizedFromEveryFooter() throws Exception {
    Dataset<Row> many =
        Spark.session().range(0, 1_000, 1, 12).selectExpr("id", "CAST(id AS STRING) AS name");

    StoredDataset stored = (StoredDataset) format.write(many, dir.resolve("many").toString());

    List<Path> files;
    try (var listed = Files.list(dir.resolve("many"))) {
      files = listed.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
    }
    assertThat(files).hasSize(12);
    assertThat(stored.rows()).isEqualTo(1_000);
    long bytes = 0;
    for (Path file : files) {
      bytes += Files.size(file);
    }
    assertThat(stored.bytes()).isEqualTo(bytes);
    assertThat(stored.schema()).isEqualTo("id BIGINT,name STRING");
  }

  @Test
  void dataset_changedAfterTheRead_isWrittenBySpark() {
    flights().write().parquet(dir.resolve("raw").toString());
    Dataset<Row> narrowed =
        Spark.session()
            .read()
            .schema("origin STRING, delay INT")
            .parquet(dir.resolve("raw").toString());
    Dataset<Row> filtered =
        Spark.session().read().parquet(dir.resolve("raw").toString()).where("delay > 0");

    StoredDataset storedNarrowed =
        (StoredDataset) format.write(narrowed, dir.resolve("narrowed").toString());
    StoredDataset storedFiltered =
        (StoredDataset) format.write(filtered, dir.resolve("filtered").toString());

    assertThat(storedNarrowed.schema()).isEqualTo("origin STRING,delay INT");
    assertThat(storedNarrowed.rows()).isEqualTo(4);
    assertThat(storedFiltered.rows()).isEqualTo(2);
    assertThat(storedFiltered.open().count()).isEqualTo(2);
  }

  @Test
  void dataset_reopened_takesItsSchemaFromTheFooter_withoutASparkJob() throws Exception {
    Dataset<Row> flights =
        flights()
            .withColumn(
                "delay",
                functions
                    .col("delay")
                    .as("delay", new MetadataBuilder().putString("unit", "minutes").build()));
    StoredDataset stored = (StoredDataset) format.write(flights, dir.resolve("flights").toString());

    List<Dataset<Row>> reopened = new ArrayList<>();
    assertThat(sparkJobsDuring(() -> reopened.add(stored.open()))).isZero();
    assertThat(reopened.get(0).schema().apply("delay").metadata().getString("unit"))
        .isEqualTo("minutes");
  }

  @Test
  void dataset_writtenByAnotherTool_isCopiedAndReopenedWithSparksSchema_withoutASparkJob()
      throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message flight { required binary origin (STRING); required int32 distance; optional int64 departed (TIMESTAMP(MICROS,true)); }");
    Path file = dir.resolve("raw/flights.parquet");
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(schema)
            .build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      writer.write(
          groups
              .newGroup()
              .append("origin", "JFK")
              .append("distance", 2475)
              .append("departed", 1_000_000L));
      writer.write(groups.newGroup().append("origin", "SFO").append("distance", 2586));
      writer.write(
          groups
              .newGroup()
              .append("origin", "ORD")
              .append("distance", 740)
              .append("departed", 2_000_000L));
    }
    Dataset<Row> raw = Spark.session().read().parquet(dir.resolve("raw").toString());

    List<StoredDataset> stored = new ArrayList<>();
    assertThat(
            sparkJobsDuring(
                () ->
                    stored.add((StoredDataset) format.write(raw, dir.resolve("copy").toString()))))
        .as("the first rows only")
        .isEqualTo(1);
    List<Dataset<Row>> reopened = new ArrayList<>();
    assertThat(sparkJobsDuring(() -> reopened.add(stored.get(0).open()))).isZero();

    assertThat(stored.get(0).rows()).isEqualTo(3);
    assertThat(stored.get(0).bytes()).isEqualTo(Files.size(file));
    assertThat(reopened.get(0).schema()).isEqualTo(raw.schema());
    assertThat(reopened.get(0).where("origin = 'ORD'").first().getTimestamp(2).getTime())
        .isEqualTo(2_000L);
  }

  /** How many Spark jobs {@code action} started. */
  private static long sparkJobsDuring(Runnable action) throws InterruptedException {
    SparkContext context = Spark.session().sparkContext();
    List<String> jobGroups = new CopyOnWriteArrayList<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            jobGroups.add(String.valueOf(start.properties().getProperty("spark.jobGroup.id")));
          }
        };
    context.addSparkListener(listener);
    try {
      action.run();
      // a job after the action: once the listener has seen it, it has seen every job before it
      context.setJobGroup("probe", "probe", false);
      Spark.session().range(1).count();
      context.clearJobGroup();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!jobGroups.contains("probe") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      context.removeSparkListener(listener);
    }
    assertThat(jobGroups).contains("probe");
    return jobGroups.stream().filter(group -> !group.equals("probe")).count();
  }

  @Test
  void dataset_reopenedAndStoredUnchanged_keepsItsReference() {
    StoredDataset stored = (StoredDataset) format.write(flights(), dir.resolve("a").toString());

    ExternalValue again = format.write(stored.open(), dir.resolve("b").toString());

    assertThat(again).isEqualTo(stored);
    assertThat(Files.exists(dir.resolve("b"))).isFalse();
  }

  @Test
  void model_isSavedWithItsWriter_andReopenedFromItsSnapshot_withoutASparkJob() throws Exception {
    Dataset<Row> data = labelled();
    PipelineModel model = featuresAndClassifier().fit(data);

    assertThat(format.accepts(model)).isTrue();
    StoredModel stored = (StoredModel) format.write(model, dir.resolve("model").toString());

    assertThat(stored.className()).isEqualTo(PipelineModel.class.getName());
    assertThat(stored.describe())
        .contains(
            "MLlib PipelineModel",
            "stages StringIndexerModel, OneHotEncoderModel, VectorAssembler, LogisticRegressionModel; at file:");
    assertThat(stored.snapshot()).isNotEmpty();
    assertThat(dir.resolve("model/metadata")).isDirectory();
    assertThat(dir.resolve("model/stages")).isDirectory();
    StoredModel decoded = (StoredModel) kryoRoundTrip(stored);
    List<Object> reopened = new ArrayList<>();
    assertThat(sparkJobsDuring(() -> reopened.add(decoded.open()))).isZero();
    assertThat(predictions((PipelineModel) reopened.get(0), data))
        .isEqualTo(predictions(model, data));
  }

  @Test
  void model_withoutAReadableSnapshot_isLoadedWithItsReader() throws Exception {
    Dataset<Row> data = labelled();
    PipelineModel model = featuresAndClassifier().fit(data);
    StoredModel saved = (StoredModel) format.write(model, dir.resolve("model").toString());

    // none (a model too large or not serializable), or written by classes this JVM does not have
    for (byte[] snapshot :
        new byte[][] {null, Arrays.copyOf(saved.snapshot(), saved.snapshot().length / 2)}) {
      StoredModel stored =
          new StoredModel(saved.location(), saved.className(), saved.summary(), snapshot);
      List<Object> reopened = new ArrayList<>();
      assertThat(sparkJobsDuring(() -> reopened.add(stored.open())))
          .as("MLlib's reader runs jobs")
          .isPositive();
      assertThat(predictions((PipelineModel) reopened.get(0), data))
          .isEqualTo(predictions(model, data));
    }
  }

  @Test
  void savedModel_isMllibsFolderWithASnapshot_loadedFromItWithoutASparkJob() throws Exception {
    Dataset<Row> data = labelled();
    PipelineModel model = featuresAndClassifier().fit(data);

    String uri = SavedModel.save(model, dir.resolve("saved").toString());

    assertThat(uri).startsWith("file:/").endsWith("/saved");
    assertThat(dir.resolve("saved").resolve(SavedModel.SNAPSHOT)).isNotEmptyFile();
    assertThat(predictions(PipelineModel.load(uri), data))
        .as("MLlib's reader")
        .isEqualTo(predictions(model, data));
    List<PipelineModel> loaded = new ArrayList<>();
    assertThat(sparkJobsDuring(() -> loaded.add(SavedModel.load(uri, PipelineModel.class))))
        .isZero();
    assertThat(predictions(loaded.get(0), data)).isEqualTo(predictions(model, data));
  }

  @Test
  void savedModel_withoutAReadableSnapshot_isLoadedWithMllibsReader() throws Exception {
    Dataset<Row> data = labelled();
    PipelineModel model = featuresAndClassifier().fit(data);
    model.write().save(dir.resolve("plain").toString());
    SavedModel.save(model, dir.resolve("truncated").toString());
    Path snapshot = dir.resolve("truncated").resolve(SavedModel.SNAPSHOT);
    Files.write(snapshot, Arrays.copyOf(Files.readAllBytes(snapshot), 100));

    for (String folder : List.of("plain", "truncated")) {
      List<PipelineModel> loaded = new ArrayList<>();
      assertThat(
              sparkJobsDuring(
                  () ->
                      loaded.add(
                          SavedModel.load(dir.resolve(folder).toString(), PipelineModel.class))))
          .as(folder)
          .isPositive();
      assertThat(predictions(loaded.get(0), data)).isEqualTo(predictions(model, data));
    }
  }

  @Test
  void savedModel_atAnEmptyLocation_isTheUsersError() {
    String missing = dir.resolve("never-saved").toString();

    assertThatThrownBy(() -> SavedModel.load(missing, PipelineModel.class))
        .isInstanceOf(UserCodeException.class)
        .hasMessage(
            "Cannot load a PipelineModel from %s: there is nothing at that location",
            Spark.uri(missing));
  }

  private static Dataset<Row> labelled() {
    return flights().selectExpr("origin", "distance", "CAST(delay > 15 AS DOUBLE) AS label");
  }

  private static Pipeline featuresAndClassifier() {
    return new Pipeline()
        .setStages(
            new PipelineStage[] {
              new StringIndexer().setInputCol("origin").setOutputCol("originIndex"),
              new OneHotEncoder().setInputCol("originIndex").setOutputCol("originVec"),
              new VectorAssembler()
                  .setInputCols(new String[] {"distance", "originVec"})
                  .setOutputCol("features"),
              new LogisticRegression().setMaxIter(5)
            });
  }

  private static List<Row> predictions(PipelineModel model, Dataset<Row> data) {
    return model.transform(data).select("originVec", "probability", "prediction").collectAsList();
  }

  static Dataset<Row> flights() {
    StructType schema =
        new StructType()
            .add("origin", DataTypes.StringType)
            .add("distance", DataTypes.IntegerType)
            .add("delay", DataTypes.IntegerType);
    List<Row> rows =
        List.of(
            RowFactory.create("JFK", 2475, -3),
            RowFactory.create("SFO", 2586, 42),
            RowFactory.create("ORD", 740, 20),
            RowFactory.create("ATL", 946, 0));
    return Spark.session().createDataFrame(rows, schema);
  }

  /** Fields whose declared types the tests open artifacts as. */
  Dataset<Flight> typedFlights;

  Dataset<Row> rows;
  Dataset<Long> ids;
  Dataset<WithCarrier> withCarrier;

  private static Type declared(String field) throws NoSuchFieldException {
    return SparkValueFormatTest.class.getDeclaredField(field).getGenericType();
  }

  /** A flight as a Java bean, as a typed Dataset holds it. */
  public static class Flight implements Serializable {
    private String origin;
    private int distance;
    private int delay;

    public String getOrigin() {
      return origin;
    }

    public void setOrigin(String origin) {
      this.origin = origin;
    }

    public int getDistance() {
      return distance;
    }

    public void setDistance(int distance) {
      this.distance = distance;
    }

    public int getDelay() {
      return delay;
    }

    public void setDelay(int delay) {
      this.delay = delay;
    }
  }

  /** A bean with a property the stored flights lack. */
  public static class WithCarrier extends Flight {
    private String carrier;

    public String getCarrier() {
      return carrier;
    }

    public void setCarrier(String carrier) {
      this.carrier = carrier;
    }
  }

  private static ExternalValue kryoRoundTrip(ExternalValue value) throws Exception {
    KryoArtifactCodec codec = new KryoArtifactCodec();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.encode(value, bytes);
    return (ExternalValue) codec.decode(new ByteArrayInputStream(bytes.toByteArray()));
  }

  private static FluxoConfig.Datastore s3(String bucket, String secretKey) {
    return new FluxoConfig.Datastore(
        DatastoreType.S3,
        "s3://" + bucket + "/flows",
        "http://127.0.0.1:9",
        "us-east-1",
        Secret.of("access-key"),
        Secret.of(secretKey),
        null);
  }
}

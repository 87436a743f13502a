package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.examples.flightdelay.FlightDelayJar.Result;
import io.fluxo.runtime.client.DatastoreReader;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.spark.Spark;
import io.fluxo.spark.validation.ValidationReport;
import io.fluxo.ui.UiAccess;
import io.fluxo.ui.WebUi;
import io.fluxo.ui.browser.HeadlessChromium;
import io.fluxo.ui.catalog.StoreRunCatalog;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Runs the shaded {@code flight-delay.jar} as a user does, from the repository root, on the sample
 * shipped with the example, then reads the run back through the client API, {@code dump} and, last,
 * the web UI in headless Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlightDelayFlowIT {
  @RegisterExtension static final HeadlessChromium browser = new HeadlessChromium();

  @TempDir static Path dir;
  private static Path store;
  private static FlightDelayJar jar;
  private static Result run;
  private static String runId;

  @BeforeAll
  static void runTheFlowOnTheSample() throws Exception {
    store = dir.resolve("store");
    jar = FlightDelayJar.logsIn(dir).withEnv(Map.of("FLUXO_DATASTORE_ROOT", store.toString()));
    run = jar.run("run", "--model-path", dir.resolve("models").toString());
    runId = flow().latestRun().id();
  }

  @Test
  void flow_onTheSample_completesWithSaneMetrics() {
    assertThat(run.code()).as(run.output()).isZero();
    Run latest = flow().run(runId);
    assertThat(latest.successful()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Double> metrics = latest.endTask().artifact("metrics", Map.class);
    assertThat(metrics.get("areaUnderROC")).isGreaterThan(0.55).isLessThan(1.0);
    assertThat(metrics).containsKeys("areaUnderPR", "accuracy", "f1");
    assertThat(run.output())
        .contains(
            "Model: file:", dir.resolve("models").toString(), "areaUnderROC", "(baseline 0.5000)");
    ValidationReport validation =
        latest.step("ingestAndValidateData").task().artifact("validation", ValidationReport.class);
    assertThat(validation.passed()).isTrue();
  }

  @Test
  void datasetArtifact_isReopenedByLaterStepsAndTheClient() {
    Run latest = flow().run(runId);
    Task preprocess = latest.step("preprocessData").task();

    @SuppressWarnings("unchecked")
    Dataset<Row> train = (Dataset<Row>) preprocess.artifact("train");
    @SuppressWarnings("unchecked")
    Map<String, String> training =
        latest.step("trainSparkMlModel").task().artifact("training", Map.class);
    long rows = train.count();
    assertThat(rows).isBetween(38_000L, 42_000L);
    assertThat(training).containsEntry("trainRows", Long.toString(rows));
    assertThat(train.columns())
        .contains("hour", "dayOfWeek", "month", "distance", "origin", "destination", "label");
    // the later steps hand the Parquet folder down: they neither rewrite nor copy it
    assertThat(
            latest.step("trainSparkMlModel").task().artifacts().stream()
                .filter(a -> a.name().equals("train"))
                .findFirst()
                .orElseThrow()
                .sha())
        .isEqualTo(
            preprocess.artifacts().stream()
                .filter(a -> a.name().equals("train"))
                .findFirst()
                .orElseThrow()
                .sha());
  }

  @Test
  void typedClient_readsMapsAndDatasetsAsDeclared() {
    FlightDelayFlowRun typed = FlightDelayFlowRun.of(flow().run(runId));

    Map<String, Double> metrics = typed.evaluateModel().metrics();
    Dataset<Row> train = typed.preprocessData().train();
    Map<String, String> training = typed.trainSparkMlModel().training();
    assertThat(metrics).isEqualTo(flow().run(runId).endTask().artifact("metrics"));
    assertThat(metrics.get("areaUnderROC")).isGreaterThan(0.55).isLessThan(1.0);
    assertThat(training).containsEntry("trainRows", Long.toString(train.count()));
    assertThat(typed.parameters().seed()).isEqualTo(typed.end().seed());
  }

  @Test
  void storedDatasetsAndModels_haveTheirLocationSchemaAndSizeInTheMetadata() {
    Task preprocess = flow().run(runId).step("preprocessData").task();
    List<AttemptRecord> attempts =
        new LocalMetadataStore(store)
            .attempts(new TaskPath("FlightDelayFlow", runId, "preprocessData", preprocess.id()));
    Map<String, Map<String, String>> details = attempts.get(attempts.size() - 1).artifactDetails();
    @SuppressWarnings("unchecked")
    Dataset<Row> train = (Dataset<Row>) preprocess.artifact("train");

    // flights, read here and left as it was, keeps the folder ingestAndValidateData wrote
    assertThat(details).containsOnlyKeys("flights", "train", "test", "featureModel");
    assertThat(details.get("flights").get("location")).contains("/ingestAndValidateData/");
    Map<String, String> trainDetails = details.get("train");
    assertThat(trainDetails.keySet())
        .containsExactly("format", "location", "schema", "rows", "bytes");
    assertThat(trainDetails)
        .containsEntry("format", "parquet")
        .containsEntry("schema", train.schema().toDDL())
        .containsEntry("rows", Long.toString(train.count()));
    assertThat(trainDetails.get("location"))
        .startsWith(store.toUri().toString())
        .endsWith("/preprocessData/" + preprocess.id() + "/0.values/train");
    assertThat(Long.parseLong(trainDetails.get("bytes"))).isPositive();
    assertThat(details.get("featureModel"))
        .containsEntry("format", "mllib")
        .containsEntry("class", PipelineModel.class.getName());
  }

  @Test
  void model_isSavedAndReloaded() {
    Run latest = flow().run(runId);
    String modelUri = latest.endTask().artifact("modelUri", String.class);
    @SuppressWarnings("unchecked")
    Dataset<Row> test = (Dataset<Row>) latest.step("preprocessData").task().artifact("test");

    PipelineModel model = PipelineModel.load(modelUri);
    PipelineModel features =
        latest.step("preprocessData").task().artifact("featureModel", PipelineModel.class);

    assertThat(model.stages()).hasSize(3);
    assertThat(model.transform(test.limit(10)).select("prediction").count()).isEqualTo(10);
    assertThat(features.stages()).hasSize(4);
  }

  @Test
  void dump_describesDatasetsWithoutOpeningThem() throws Exception {
    Result dump = jar.run("dump", runId + "/preprocessData", "--full");

    assertThat(dump.code()).as(dump.output()).isZero();
    assertThat(dump.output())
        .contains(
            "io.fluxo.spark.StoredDataset",
            "Parquet dataset, ",
            "hour DOUBLE",
            "first rows: [",
            "io.fluxo.spark.StoredModel",
            "MLlib PipelineModel",
            "StringIndexerModel");
  }

  @Test
  void corruptedInput_failsValidationWithAReadableReport() throws Exception {
    Path bad = dir.resolve("bad.parquet");
    Dataset<Row> sample =
        Spark.session().read().parquet(FlightDelayJar.SAMPLE.toString()).limit(2_000);
    sample
        .selectExpr(
            "date",
            "delay",
            "CASE WHEN delay > 60 THEN -distance ELSE distance END AS distance",
            "CASE WHEN delay < -10 THEN NULL ELSE origin END AS origin",
            "destination")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(bad.toString());

    Result failed =
        jar.run(
            "run",
            "--raw-path",
            bad.toString(),
            "--model-path",
            dir.resolve("bad-models").toString());

    assertThat(failed.code()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output())
        .contains(
            "failed: Data validation: ",
            "FAILED  error    origin has no nulls",
            "FAILED  error    distance is positive (distance > 0)",
            "ok      error    delay has no nulls");
  }

  @Test
  void tasksRecordingWithJfr_runWithoutTheClassDataArchive() throws Exception {
    // the run before this one recorded the archives; a JVM with JFR would crash mapping Spark's
    Path recordings = dir.resolve("jfr");
    Files.createDirectories(recordings);
    Result recorded =
        jar.withEnv(
                Map.of(
                    "FLUXO_TASK_JVM_OPTS", "-XX:StartFlightRecording=filename=" + recordings + "/"))
            .run(
                "run",
                "--sample-fraction",
                "0.05",
                "--model-path",
                dir.resolve("jfr-models").toString());

    assertThat(recorded.code()).as(recorded.output()).isZero();
    try (var files = Files.list(recordings)) {
      assertThat(files.filter(f -> f.toString().endsWith(".jfr"))).hasSize(6);
    }
  }

  private static FlowRuns flow() {
    return FlowRuns.of("FlightDelayFlow", store);
  }

  /**
   * The UI over this class's runs (served in this JVM over the store, as {@code flight-delay.jar
   * ui} serves it): the flagship's six steps, the failed run of {@link
   * #corruptedInput_failsValidationWithAReadableReport} with its failed step marked, the metrics
   * and a Dataset's schema in the artifact previews.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void webUi_showsTheStepsMetricsAndDatasetSchema_andMarksAFailedStep() {
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    new WebUi(
            new StoreRunCatalog(new LocalMetadataStore(store)),
            DatastoreReader.open(store),
            UiAccess.open(),
            Clock.systemUTC())
        .register(app);
    app.start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + app.port();
      Run latest = flow().run(runId);
      String failedRunId =
          flow().runs().stream()
              .filter(r -> r.finished() && !r.successful())
              .map(Run::id)
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no failed run; the validation test makes one"));

      WebDriver driver = browser.open(base + "/runs/FlightDelayFlow/" + runId);
      browser.find("svg#dag");
      browser.screenshot("run");
      List<String> steps =
          List.of(
              "start",
              "ingestAndValidateData",
              "preprocessData",
              "trainSparkMlModel",
              "evaluateModel",
              "end");
      assertThat(driver.findElements(By.cssSelector("svg#dag a.node")))
          .extracting(n -> n.getAttribute("data-step") + ":" + n.getAttribute("data-status"))
          .containsExactlyElementsOf(steps.stream().map(s -> s + ":succeeded").toList());

      browser.open(base + "/runs/FlightDelayFlow/" + failedRunId);
      browser.find("svg#dag");
      browser.screenshot("failed-run");
      assertThat(
              driver
                  .findElement(By.cssSelector("svg#dag a.node[data-step=ingestAndValidateData]"))
                  .getAttribute("data-status"))
          .isEqualTo("failed");
      assertThat(driver.findElement(By.id("run-status")).getText()).isEqualTo("failed");

      @SuppressWarnings("unchecked")
      Map<String, Double> metrics = latest.endTask().artifact("metrics", Map.class);
      Task end = latest.endTask();
      browser.open(base + "/runs/FlightDelayFlow/" + runId + "/end/" + end.id());
      WebElement shown = browser.find("[data-artifact=metrics] .preview table");
      browser.screenshot("end-task");
      assertThat(shown.findElements(By.cssSelector("tbody tr")))
          .extracting(WebElement::getText)
          .contains("areaUnderROC " + metrics.get("areaUnderROC"));

      Task preprocess = latest.step("preprocessData").task();
      @SuppressWarnings("unchecked")
      Dataset<Row> train = (Dataset<Row>) preprocess.artifact("train");
      browser.open(base + "/runs/FlightDelayFlow/" + runId + "/preprocessData/" + preprocess.id());
      WebElement schema = browser.find("[data-artifact=train] .preview table.schema");
      assertThat(schema.findElements(By.cssSelector("tbody tr td:first-child")))
          .extracting(WebElement::getText)
          .containsExactly(train.schema().fieldNames());
    } finally {
      app.stop();
    }
  }
}

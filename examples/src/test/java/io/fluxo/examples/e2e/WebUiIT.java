package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.RunStep;
import io.fluxo.runtime.client.Task;
import io.fluxo.ui.browser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code flow ui} on a local {@code .fluxo} folder, in headless Chromium: the runs list and its
 * filters, a failed run's DAG, a resumed run's origin, the timeline, a task's log and artifacts,
 * and a running flow whose log grows and whose status changes without a reload. Runs are real: the
 * examples' flows run by {@code flow.jar} as a user runs them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {
  private static final String FAIL_AT = "FLUXO_TEST_FAIL_AT";
  private static final String SLEEP_MS = "FLUXO_TEST_SLEEP_MS";
  private static final Pattern URL = Pattern.compile("Fluxo UI on (http://\\S+/)");

  @RegisterExtension static final HeadlessChromium browser = new HeadlessChromium();

  @TempDir static Path dir;
  private static FlowJar foreach;
  private static FlowJar resumable;
  private static String foreachRun;
  private static String failedRun;
  private static String resumedRun;
  private static FlowProcess ui;
  private static String base;

  @BeforeAll
  static void runFlowsAndServeTheUi() throws Exception {
    foreach = FlowJar.of("ForeachFlow", dir);
    resumable = FlowJar.of("ResumableFlow", dir);
    foreachRun = foreach.runOk("run").requireRunId();
    CommandResult failed = resumable.withEnv(FAIL_AT, "combine").run("run");
    assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
    failedRun = failed.requireRunId();
    resumedRun = resumable.runOk("resume", "--origin-run-id", failedRun).requireRunId();
    ui = foreach.start("ui", "--port", "0");
    ui.awaitOutput("Fluxo UI on ", Duration.ofSeconds(60));
    Matcher url = URL.matcher(ui.stdoutSoFar());
    assertThat(url.find()).as(ui.stdoutSoFar()).isTrue();
    base = url.group(1).replaceAll("/$", "");
  }

  @AfterAll
  static void stopTheUi() throws InterruptedException {
    if (ui != null) {
      ui.killForcibly();
    }
  }

  private static List<String> rows(WebDriver driver) {
    return driver.findElements(By.cssSelector("#runs tbody tr[data-run]")).stream()
        .map(row -> row.getAttribute("data-flow") + "/" + row.getAttribute("data-run"))
        .toList();
  }

  @Test
  void runsList_showsEveryRunNewestFirst_andItsFiltersGoIntoTheUrl() {
    WebDriver driver = browser.open(base + "/");
    browser.screenshot("runs");

    assertThat(rows(driver))
        .containsExactly(
            "ResumableFlow/" + resumedRun,
            "ResumableFlow/" + failedRun,
            "ForeachFlow/" + foreachRun);

    new Select(driver.findElement(By.name("flow"))).selectByVisibleText("ResumableFlow");
    new Select(driver.findElement(By.name("status"))).selectByVisibleText("failed");
    driver.findElement(By.cssSelector(".filters button[type=submit]")).click();
    browser.await(d -> d.getCurrentUrl().contains("status=failed"));

    assertThat(driver.getCurrentUrl()).contains("flow=ResumableFlow", "status=failed");
    assertThat(rows(driver)).containsExactly("ResumableFlow/" + failedRun);
    // the URL alone gives the same page: a deep link
    assertThat(rows(browser.open(driver.getCurrentUrl())))
        .containsExactly("ResumableFlow/" + failedRun);
  }

  @Test
  void failedRun_hasItsSixStepsInTheDag_withTheFailedStepMarked() {
    WebDriver driver = browser.open(base + "/runs/ResumableFlow/" + failedRun);
    browser.find("svg#dag");
    browser.screenshot("dag-failed");

    List<WebElement> nodes = driver.findElements(By.cssSelector("svg#dag a.node"));
    assertThat(nodes)
        .extracting(n -> n.getAttribute("data-step"))
        .containsExactly("start", "generate", "score", "combine", "summarize", "end");
    assertThat(status(driver, "combine")).isEqualTo("failed");
    assertThat(status(driver, "score")).isEqualTo("succeeded");
    assertThat(status(driver, "summarize")).isEqualTo("pending");
    assertThat(driver.findElement(By.id("run-status")).getText()).isEqualTo("failed");

    driver.findElement(By.cssSelector("svg#dag a.node[data-step=combine]")).click();
    browser.await(d -> d.getCurrentUrl().contains("tab=tasks"));
    assertThat(driver.findElements(By.cssSelector("#tasks tbody tr[data-step]")))
        .extracting(row -> row.getAttribute("data-step"))
        .containsOnly("combine");
  }

  private static String status(WebDriver driver, String step) {
    return driver
        .findElement(By.cssSelector("svg#dag a.node[data-step=" + step + "]"))
        .getAttribute("data-status");
  }

  @Test
  void resumedRun_linksToItsOrigin_andSucceeds() {
    WebDriver driver = browser.open(base + "/runs/ResumableFlow/" + resumedRun);

    assertThat(driver.findElement(By.id("run-status")).getText()).isEqualTo("succeeded");
    driver.findElement(By.linkText("run " + failedRun)).click();
    browser.await(d -> d.getCurrentUrl().endsWith("/runs/ResumableFlow/" + failedRun));
  }

  @Test
  void timeline_hasABarForEveryAttemptOfEveryTask() {
    Run run = resumable.stored(resumedRun);
    int attempts = 0;
    for (RunStep step : run.steps()) {
      for (Task task : step.tasks()) {
        attempts += task.attempts().size();
      }
    }
    WebDriver driver = browser.open(base + "/runs/ResumableFlow/" + resumedRun + "?tab=timeline");
    browser.find("svg#timeline");
    browser.screenshot("timeline");

    assertThat(attempts).isGreaterThanOrEqualTo(9);
    assertThat(driver.findElements(By.cssSelector("svg#timeline a.bar"))).hasSize(attempts);
    assertThat(driver.findElements(By.cssSelector("svg#timeline .group-label")))
        .extracting(WebElement::getText)
        .containsExactly("start", "generate", "score", "combine", "summarize", "end");
  }

  @Test
  void taskPage_showsWhatTheStepPrinted_andPreviewsItsArtifacts() {
    Task end = foreach.stored(foreachRun).endTask();
    WebDriver driver = browser.open(base + "/runs/ForeachFlow/" + foreachRun + "/end/" + end.id());
    browser.find("[data-artifact=sum] .preview pre");
    browser.screenshot("task");

    assertThat(driver.findElement(By.id("stdout")).getText()).contains("sum of squares: 55");
    assertThat(driver.findElement(By.cssSelector("[data-artifact=sum] .preview")).getText())
        .isEqualTo("55");

    driver.findElement(By.id("log-search")).sendKeys("sum of");
    assertThat(browser.find("pre.log-filtered").getText())
        .isEqualTo("sum of squares: 55 (count 5)");

    Task start = foreach.stored(foreachRun).step("start").task();
    browser.open(base + "/runs/ForeachFlow/" + foreachRun + "/start/" + start.id());
    WebElement numbers = browser.find("[data-artifact=numbers] .preview table");
    assertThat(numbers.findElements(By.cssSelector("tbody tr")))
        .extracting(WebElement::getText)
        .containsExactly("0 1", "1 2", "2 3", "3 4", "4 5");
  }

  @Test
  void pages_fitAPhoneScreen_withoutScrollingSideways() {
    WebDriver driver = browser.driver();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      for (String page :
          List.of(
              "/",
              "/runs/ResumableFlow/" + failedRun,
              "/runs/ResumableFlow/" + resumedRun + "?tab=tasks",
              "/runs/ForeachFlow/"
                  + foreachRun
                  + "/end/"
                  + foreach.stored(foreachRun).endTask().id())) {
        browser.open(base + page);
        Object overflow =
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
      }
      browser.open(base + "/runs/ResumableFlow/" + failedRun);
      browser.screenshot("phone-run");
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // its run is the newest; the others see only the runs made above
  void runningFlow_logGrowsAndStatusChanges_withoutAReload() throws Exception {
    FlowProcess running = resumable.withEnv(SLEEP_MS, "6000").start("run", "--tag", "live");
    try {
      running.awaitOutput("start waits 6000 ms", Duration.ofSeconds(60));
      String runId = FlowProcess.runId(running.stdoutSoFar()).orElseThrow();
      Task start = resumable.stored(runId).step("start").task();
      WebDriver driver =
          browser.open(base + "/runs/ResumableFlow/" + runId + "/start/" + start.id());
      ((JavascriptExecutor) driver).executeScript("window.fluxoNotReloaded = true;");

      browser.await(d -> d.findElement(By.id("stdout")).getText().contains("start waits 6000 ms"));
      assertThat(driver.findElement(By.id("task-status")).getText()).isEqualTo("running");
      browser.screenshot("running-task");
      browser.await(d -> d.findElement(By.id("stdout")).getText().contains("start waited"));
      assertThat(notReloaded(driver)).isTrue();

      browser.open(base + "/runs/ResumableFlow/" + runId);
      assertThat(driver.findElement(By.id("run-status")).getText()).isEqualTo("running");
      ((JavascriptExecutor) driver).executeScript("window.fluxoNotReloaded = true;");
      running.handle().destroy(); // SIGTERM, as Ctrl-C: the run ends failed
      browser.await(d -> d.findElement(By.id("run-status")).getText().equals("failed"));
      assertThat(notReloaded(driver)).isTrue();
    } finally {
      running.killForcibly();
    }
  }

  private static boolean notReloaded(WebDriver driver) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) driver).executeScript("return window.fluxoNotReloaded === true;"));
  }
}

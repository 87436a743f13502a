package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.RunStep;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.internal.cli.CountingRuns;
import io.fluxo.runtime.internal.metadata.ServiceMetadataStore;
import io.fluxo.ui.browser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The UI the metadata service serves at {@code /}, on embedded PostgreSQL, in headless Chromium:
 * the token login and its cookie, then real runs made by the runtime with {@code --metadata
 * service} (a foreach, a failure and its resume, a running flow).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceUiIT {
  private static final String FLOW = CountingRuns.FLOW;
  private static final Path root = CountingRuns.tempDir();

  /** The token failsafe puts in the environment, which the tasks inherit. */
  @RegisterExtension
  static final TestService service =
      TestService.perClass(System.getenv("FLUXO_METADATA_TOKEN"), Duration.ofSeconds(60), 1 << 20)
          .withDatastore(root);

  @RegisterExtension static final HeadlessChromium browser = new HeadlessChromium();

  private static String base;

  @BeforeAll
  static void runFlows() {
    base = service.url().toString();
    assertThat(flow("run", "--count", "3", "--tag", "nightly").code()).isZero();
    CountingRuns.Result failed = flow("run", "--count", "3", "--fail-at", "square");
    assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(1);
    // the parameters come back with the resume, so it fails again at square, after cloning start
    assertThat(flow("resume", "--origin-run-id", "2").code()).isEqualTo(1);
  }

  private static CountingRuns.Result flow(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--metadata", "service", "--metadata-url", service.url().toString()));
    return CountingRuns.flow(root, all.toArray(String[]::new));
  }

  private static FlowRuns client() {
    return FlowRuns.of(
        FLOW,
        root,
        new ServiceMetadataStore(service.url(), service.token(), Duration.ofSeconds(10)));
  }

  private static List<String> rows(WebDriver driver) {
    return driver.findElements(By.cssSelector("#runs tbody tr[data-run]")).stream()
        .map(row -> row.getAttribute("data-run"))
        .toList();
  }

  private static void logIn(WebDriver driver, String token) {
    WebElement field = browser.find("#token");
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
  }

  @Test
  @Order(1)
  void withoutTheToken_theLoginPageShowsNoData_andAWrongTokenIsRefused() {
    WebDriver driver = browser.open(base + "/runs/" + FLOW + "/1");
    browser.await(d -> d.getCurrentUrl().contains("/login"));
    browser.screenshot("login");
    // the page asked for is only where to go once logged in: nothing of the run shows
    assertThat(driver.getPageSource()).doesNotContain("nightly", "succeeded", "run-status", "svg");

    logIn(driver, "a-wrong-token-of-the-right-length-0123456789");

    assertThat(browser.find("#login-error").getText()).contains("not this service's token");
    assertThat(driver.getPageSource()).doesNotContain("nightly", "succeeded", "run-status", "svg");
    assertThat(driver.manage().getCookieNamed("fluxo_token")).isNull();
  }

  @Test
  @Order(2)
  void theToken_opensThePageAskedFor_andIsKeptInAStrictHttpOnlyCookie() {
    WebDriver driver = browser.open(base + "/runs/" + FLOW + "/1");
    logIn(driver, service.token());

    browser.await(d -> d.getCurrentUrl().endsWith("/runs/" + FLOW + "/1"));
    Cookie cookie = driver.manage().getCookieNamed("fluxo_token");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat(driver.findElement(By.id("run-status")).getText()).isEqualTo("succeeded");
  }

  @Test
  @Order(3)
  void runsList_andItsFilters() {
    WebDriver driver = browser.open(base + "/");
    browser.screenshot("runs");
    assertThat(rows(driver)).containsExactly("3", "2", "1");

    assertThat(rows(browser.open(base + "/?status=failed"))).containsExactly("3", "2");
    assertThat(rows(browser.open(base + "/?tag=nightly"))).containsExactly("1");
    assertThat(rows(browser.open(base + "/?flow=" + FLOW + "&status=succeeded")))
        .containsExactly("1");
  }

  @Test
  @Order(4)
  void failedRun_marksItsFailedStep_andTheResumedRunLinksToIt() {
    WebDriver driver = browser.open(base + "/runs/" + FLOW + "/2");
    browser.find("svg#dag");
    browser.screenshot("dag-failed");

    assertThat(driver.findElements(By.cssSelector("svg#dag a.node")))
        .extracting(n -> n.getAttribute("data-step") + ":" + n.getAttribute("data-status"))
        .containsExactly("start:succeeded", "square:failed", "join:pending", "end:pending");

    browser.open(base + "/runs/" + FLOW + "/3");
    assertThat(driver.findElement(By.id("run-status")).getText()).isEqualTo("failed");
    assertThat(driver.findElement(By.linkText("run 2")).getAttribute("href"))
        .endsWith("/runs/" + FLOW + "/2");
    browser.open(base + "/runs/" + FLOW + "/3?tab=tasks&step=start");
    driver.findElement(By.cssSelector("#tasks tbody tr[data-step=start] a")).click();
    assertThat(browser.find("main").getText())
        .contains("Cloned by resume from " + FLOW + "/2/start/");
  }

  @Test
  @Order(5)
  void timeline_andTasks_showEveryTaskOfTheRun() {
    Run run = client().run("1");
    int attempts = 0;
    List<String> steps = new ArrayList<>();
    for (RunStep step : run.steps()) {
      for (Task task : step.tasks()) {
        steps.add(step.name());
        attempts += task.attempts().size();
      }
    }
    steps.sort(java.util.Comparator.reverseOrder());
    WebDriver driver = browser.open(base + "/runs/" + FLOW + "/1?tab=timeline");
    browser.find("svg#timeline");
    browser.screenshot("timeline");
    assertThat(driver.findElements(By.cssSelector("svg#timeline a.bar"))).hasSize(attempts);

    browser.open(base + "/runs/" + FLOW + "/1?tab=tasks&sort=step&dir=desc");
    assertThat(driver.findElements(By.cssSelector("#tasks tbody tr[data-step]")))
        .extracting(row -> row.getAttribute("data-step"))
        .containsExactlyElementsOf(steps);
  }

  @Test
  @Order(6)
  void taskPage_showsWhatTheStepPrinted_andItsArtifacts() {
    Task end = client().run("1").endTask();
    WebDriver driver = browser.open(base + "/runs/" + FLOW + "/1/end/" + end.id());
    browser.find("[data-artifact=total] .preview pre");
    browser.screenshot("task");

    assertThat(driver.findElement(By.id("stdout")).getText()).contains("total 14");
    assertThat(driver.findElement(By.cssSelector("[data-artifact=total] .preview")).getText())
        .isEqualTo("14");
  }

  @Test
  @Order(7)
  void runningFlow_itsLogGrowsAndItsStatusChanges_withoutAReload() throws Exception {
    CompletableFuture<CountingRuns.Result> running =
        CompletableFuture.supplyAsync(() -> flow("run", "--count", "2", "--fail-at", "slow"));
    Task square = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (square == null && System.nanoTime() < deadline && !running.isDone()) {
      try {
        List<Task> started = client().run("4").step("square").tasks();
        square = started.isEmpty() ? null : started.get(0);
      } catch (RuntimeException notYet) {
        Thread.sleep(100);
      }
    }
    assertThat(square).as("a square task of run 4, before the run ended").isNotNull();
    WebDriver driver = browser.open(base + "/runs/" + FLOW + "/4/square/" + square.id());
    ((JavascriptExecutor) driver).executeScript("window.fluxoNotReloaded = true;");
    browser.await(d -> d.findElement(By.id("stdout")).getText().contains("waits"));
    assertThat(driver.findElement(By.id("task-status")).getText()).isEqualTo("running");
    browser.screenshot("running-task");
    browser.await(d -> d.findElement(By.id("stdout")).getText().contains("waited"));
    assertThat(notReloaded(driver)).isTrue();

    browser.open(base + "/runs/" + FLOW + "/4");
    ((JavascriptExecutor) driver).executeScript("window.fluxoNotReloaded = true;");
    browser.await(d -> d.findElement(By.id("run-status")).getText().equals("succeeded"));
    assertThat(notReloaded(driver)).isTrue();
    assertThat(running.get().code()).isZero();
  }

  private static boolean notReloaded(WebDriver driver) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) driver).executeScript("return window.fluxoNotReloaded === true;"));
  }
}

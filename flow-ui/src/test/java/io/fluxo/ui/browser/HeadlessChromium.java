package io.fluxo.ui.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class, driven by Selenium through Debian's {@code chromedriver}:
 * both are named by path, so nothing is ever downloaded ({@code .ci/run} installs the packages
 * {@code chromium} and {@code chromium-driver}). Screenshots go to {@code
 * target/screenshots/<Class>-<name>.png}.
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {
  /** Debian's Chromium. */
  static final Path CHROMIUM = Path.of(System.getProperty("fluxo.chromium", "/usr/bin/chromium"));

  /** Debian's ChromeDriver, of the same version. */
  static final Path DRIVER =
      Path.of(System.getProperty("fluxo.chromedriver", "/usr/bin/chromedriver"));

  private static final Duration WAIT = Duration.ofSeconds(20);

  private WebDriver driver;
  private Path profile;
  private String owner = "test";

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "Browser tests need Debian's Chromium and ChromeDriver at "
              + CHROMIUM
              + " and "
              + DRIVER
              + ": apt-get install chromium chromium-driver");
    }
    owner = context.getRequiredTestClass().getSimpleName();
    profile = Files.createTempDirectory("fluxo-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogOutput(java.io.OutputStream.nullOutputStream())
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** The browser. */
  public WebDriver driver() {
    return driver;
  }

  /** Opens {@code url} and waits for its page to load. */
  public WebDriver open(String url) {
    driver.get(url);
    return driver;
  }

  /** The element {@code css} selects, once it is there (fails after 20 s). */
  public WebElement find(String css) {
    return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  /** Waits up to 20 s for {@code condition} to return a value other than null or false. */
  public <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition::apply);
  }

  /** Saves the page as {@code target/screenshots/<Class>-<name>.png}; returns the file. */
  public Path screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(owner + "-" + name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

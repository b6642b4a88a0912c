package io.github.discoverysdk.samples.inbox;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven by Debian's {@code chromedriver}, headless, on a fresh profile.
 * The driver and browser paths are explicit, so Selenium Manager never runs and nothing is
 * downloaded. Without them the browser tests are skipped, unless {@code
 * DISCOVERY_BROWSER_TESTS_REQUIRED=true} (set by {@code .ci/run}), which makes that a failure.
 */
final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String REQUIRED = "DISCOVERY_BROWSER_TESTS_REQUIRED";

  private HeadlessChromium() {}

  /** Skips the calling tests when chromium or chromedriver is missing, or fails when required. */
  static void assumeInstalled() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String message =
        "browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)";
    if (!installed && Boolean.parseBoolean(System.getenv(REQUIRED))) {
      fail(message + ", and " + REQUIRED + " is true");
    }
    assumeTrue(installed, message + ": skipped");
  }

  /** Starts a headless browser with a fresh user data directory under target/. */
  static ChromeDriver start() throws IOException {
    Path target = Path.of("target");
    Files.createDirectories(target);
    Path profile = Files.createTempDirectory(target, "chromium-profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().window().setSize(new Dimension(1280, 1000));
    return driver;
  }
}

package dev.aino.server.console;

import java.io.File;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium, driven by its own chromedriver: no browser is downloaded (the
 * machine's network is closed), nothing from the user's profile is read, nothing is fetched in the
 * background. Missing programs fail the test with the command that installs them.
 */
final class Browsers {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browsers() {}

  static WebDriver chromium(Path profile) {
    for (String program : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!new File(program).canExecute()) {
        throw new AssertionError(
            program
                + " is missing: the console's browser tests need Debian's chromium; run"
                + " scripts/test (it installs them) or apt-get install chromium chromium-driver");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}

package dev.aino.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless chromium through its chromedriver) against a
 * real server with a token: the flows a person runs a cluster with, one after the other on one
 * workload. Each page is saved as a screenshot under {@code target/console-screenshots/} for a
 * reviewer to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final String TOKEN = "console-browser-test-token";
  private static final String READ_TOKEN = "console-browser-read-token";
  private static final Path SHOTS = Paths.get("target", "console-screenshots");

  @TempDir static Path dataDir;
  @TempDir static Path profile;

  private AinoServer server;
  private WebDriver browser;
  private String base;

  @BeforeAll
  void start() throws IOException {
    server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN, "AINO_READ_TOKEN", READ_TOKEN));
    base = "http://127.0.0.1:" + server.port();
    browser = Browsers.chromium(profile);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(10)
  void aWrongTokenIsRefusedAndTheRightOneLogsIn() {
    browser.get(base + "/");
    wait(10).until(ExpectedConditions.urlToBe(base + "/login"));
    shot("login");
    browser.findElement(By.id("token")).sendKeys("not-the-token");
    browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    wait(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not valid"));

    browser.findElement(By.id("token")).sendKeys(TOKEN);
    browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    wait(10).until(ExpectedConditions.urlToBe(base + "/"));
    assertThat(browser.findElement(By.cssSelector("[data-testid=who]")).getText())
        .isEqualTo("admin (admin)");
    assertThat(browser.manage().getCookieNamed("aino_session").isHttpOnly()).isTrue();
    shot("overview");
  }

  @Test
  @Order(20)
  void aBadFieldShowsItsMessageNextToTheField() {
    browser.get(base + "/create");
    type("f-name", "Bad_Name");
    type("f-image", "nginx:1.27");
    type("f-replicas", "-2");
    browser.findElement(By.cssSelector("#create-form button[type=submit]")).click();
    wait(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=error-name]"), "must"));
    assertThat(text("[data-testid=error-replicas]")).contains("-2");
    assertThat(text("[data-testid=error-image]")).isEmpty();
    assertThat(browser.findElement(By.id("f-name")).getAttribute("aria-invalid")).isEqualTo("true");
    shot("create-errors");
  }

  @Test
  @Order(30)
  void aWorkloadCreatedFromTheFormReachesRunningWithoutAReload() {
    browser.get(base + "/create");
    type("f-name", "web");
    type("f-image", "nginx:1.27");
    type("f-replicas", "1");
    browser.findElement(By.cssSelector("#create-form button[type=submit]")).click();
    wait(10).until(ExpectedConditions.urlToBe(base + "/workloads/web"));
    ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");
    wait(30)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=phase]"), "Running"));
    wait(30)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=ready]"), "1/1"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;"))
        .isEqualTo(true);
    shot("workload");
  }

  @Test
  @Order(40)
  void scalingUpdatesTheCountsLive() {
    // The workload's live region may be re-rendered under the first touch (a change pushed over
    // SSE); once the field has focus it is left alone, so the whole step is retried until then.
    wait(10)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement replicas = d.findElement(By.id("scale"));
              replicas.clear();
              replicas.sendKeys("3");
              d.findElement(By.cssSelector(".actions form button[type=submit]")).click();
              return true;
            });
    wait(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "scaled to 3"));
    wait(30)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=ready]"), "3/3"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;"))
        .isEqualTo(true);
  }

  @Test
  @Order(45)
  void theScaleControlIsReachedAndUsedWithTheKeyboardAlone() {
    browser.get(base + "/workloads");
    liveSettled();
    assertThat(
            browser.findElement(By.cssSelector("label[for=scale-web]")).getAttribute("textContent"))
        .as("the scale field's label")
        .isEqualTo("Replicas of web");
    // Tab from the top of the page until the row's scale field has the focus; then type and
    // press Enter in it, as a keyboard user would, with no click anywhere.
    int tabs = 0;
    while (!"scale-web".equals(activeId())) {
      assertThat(tabs++).as("tabs to reach the scale field of web").isLessThan(40);
      new Actions(browser).sendKeys(Keys.TAB).perform();
    }
    new Actions(browser)
        .sendKeys(Keys.END, Keys.BACK_SPACE, Keys.BACK_SPACE, "2", Keys.ENTER)
        .perform();
    wait(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "scaled to 2"));
    assertThat(server.service().workload("web").desired()).isEqualTo(2);
    shot("workloads-keyboard");
    // Back to three for the flows that follow.
    server.service().scale("web", 3);
    wait(30).until(d -> server.service().workload("web").ready() == 3);
  }

  @Test
  @Order(50)
  void aWorkloadCreatedFromYamlShowsItsLogs() {
    browser.get(base + "/create");
    browser.findElement(By.id("tab-yaml")).click();
    WebElement yaml = browser.findElement(By.id("create-yaml"));
    ((JavascriptExecutor) browser)
        .executeScript(
            "arguments[0].value = arguments[1];",
            yaml,
            "name: logger\nspec:\n  image: busybox:1.36\n  command: [sh, -c, 'echo hello from"
                + " aino; sleep infinity']\n");
    browser.findElement(By.cssSelector("#panel-yaml button[type=submit]")).click();
    wait(10).until(ExpectedConditions.urlToBe(base + "/workloads/logger"));
    wait(30)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=phase]"), "Running"));
    browser.navigate().refresh();
    browser.findElement(By.id("log-follow")).click();
    wait(30)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "hello from aino"));
    shot("workload-logs");
    server.service().delete("logger");
    browser.get(base + "/workloads/web");
  }

  @Test
  @Order(60)
  void editingTheImageShowsThePlanBeforeItApplies() {
    WebElement yaml = browser.findElement(By.id("yaml"));
    String edited = yaml.getAttribute("value").replace("nginx:1.27", "nginx:1.28");
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1];", yaml, edited);
    browser.findElement(By.cssSelector("#yaml-form button[type=submit]")).click();
    WebElement plan =
        wait(10)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=plan]")));
    assertThat(plan.getText()).contains("web");
    assertThat(server.service().workload("web").workload().spec().image())
        .as("a plan changes nothing")
        .isEqualTo("nginx:1.27");
    shot("workload-plan");
    plan.findElement(By.cssSelector("button.primary")).click();
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "applied"));
    assertThat(server.service().workload("web").workload().spec().image()).isEqualTo("nginx:1.28");
  }

  @Test
  @Order(65)
  void askAinoShowsThePlanAndChangesNothingUntilConfirmed() {
    server.service().apply("api", dev.aino.model.WorkloadSpec.builder("nginx:1.27").build());
    browser.get(base + "/ask");
    ask("scale api to 3", 1);
    WebElement answer = lastAnswer();
    assertThat(answer.getText()).contains("api").contains("3");
    assertThat(server.service().workload("api").desired())
        .as("a plan changes nothing")
        .isEqualTo(1);
    shot("ask-plan");
    answer.findElement(By.xpath(".//button[normalize-space()='Apply this plan']")).click();
    wait(60).until(d -> answers().size() == 2);
    wait(30).until(d -> server.service().workload("api").desired() == 3);

    // A question that lacks details: aino asks for each in the box, and the answers complete it.
    browser.get(base + "/ask");
    ask("scale up please", 1);
    assertThat(lastAnswer().getText()).contains("Which workload").contains("api");
    assertThat(lastAnswer().getText().split("Which workload", -1))
        .as("the question is asked once, not again as the summary")
        .hasSize(2);
    ask("api", 2);
    assertThat(lastAnswer().getText()).contains("api").contains("3 now");
    ask("4", 3);
    shot("ask-conversation");
    assertThat(server.service().workload("api").desired()).isEqualTo(3);
    lastAnswer().findElement(By.xpath(".//button[normalize-space()='Apply this plan']")).click();
    wait(60).until(d -> server.service().workload("api").desired() == 4);
    server.service().delete("api");
  }

  @Test
  @Order(70)
  void aNodeIsCordonedAndUncordoned() {
    browser.get(base + "/nodes");
    clickLive(
        By.cssSelector("[data-node=" + TestServer.NODE + "]"),
        By.xpath(".//button[normalize-space()='Cordon']"));
    wait(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=cordoned]")));
    assertThat(server.service().node(TestServer.NODE).node().schedulable()).isFalse();
    shot("nodes");
    clickLive(
        By.cssSelector("[data-node=" + TestServer.NODE + "]"),
        By.xpath(".//button[normalize-space()='Uncordon']"));
    wait(10)
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("[data-testid=cordoned]")));
    assertThat(server.service().node(TestServer.NODE).node().schedulable()).isTrue();
  }

  @Test
  @Order(80)
  void topologyEventsAndAskPagesRender() {
    browser.get(base + "/topology");
    assertThat(browser.findElements(By.cssSelector(".topo-inst"))).isNotEmpty();
    shot("topology");
    browser.get(base + "/events?object=workload/web");
    wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.events")));
    assertThat(text("table.events")).contains("workload/web");
    shot("events");
    browser.get(base + "/workloads");
    shot("workloads");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(base + "/");
    shot("overview-phone");
    browser.get(base + "/workloads");
    shot("workloads-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @Test
  @Order(85)
  void darkModeFollowsTheSystemSetting() {
    browser.get(base + "/");
    String light = background();
    HasCdp devtools = (HasCdp) browser;
    devtools.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    try {
      browser.navigate().refresh();
      String dark = background();
      assertThat(dark).as("the page background in dark mode").isNotEqualTo(light);
      assertThat(luminance(dark)).isLessThan(luminance(light));
      shot("overview-dark");
      browser.get(base + "/workloads");
      shot("workloads-dark");
    } finally {
      devtools.executeCdpCommand(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }
  }

  @Test
  @Order(90)
  void deletingAsksFirstAndNamesWhatStops() {
    browser.get(base + "/workloads");
    // The live table may be re-rendered under the click (the page's stream connected): find again.
    wait(10)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(By.cssSelector("tr[data-workload=web] button.danger")).click();
              return true;
            });
    String question = wait(10).until(ExpectedConditions.alertIsPresent()).getText();
    assertThat(question).contains("web").contains("3 instance");
    browser.switchTo().alert().accept();
    wait(10).until(ExpectedConditions.urlToBe(base + "/workloads"));
    wait(90)
        .until(
            d -> server.service().workloads(dev.aino.api.PageRequest.first(10)).items().isEmpty());
  }

  @Test
  @Order(100)
  void loggingOutEndsTheSession() {
    browser.get(base + "/");
    browser.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
    wait(10).until(ExpectedConditions.urlToBe(base + "/login"));
    browser.get(base + "/workloads");
    wait(10).until(ExpectedConditions.urlToBe(base + "/login"));
  }

  @Test
  @Order(110)
  void theReadOnlyTokenSeesEverythingAndCannotChangeAnything() {
    server.service().apply("watched", dev.aino.model.WorkloadSpec.builder("nginx:1.27").build());
    browser.get(base + "/login");
    browser.findElement(By.id("token")).sendKeys(READ_TOKEN);
    browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    wait(10).until(ExpectedConditions.urlToBe(base + "/"));
    assertThat(browser.findElement(By.cssSelector("[data-testid=who]")).getText())
        .isEqualTo("viewer (viewer)");

    browser.get(base + "/workloads/watched");
    wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("scale")));
    assertThat(browser.findElement(By.id("scale")).isEnabled()).as("the scale field").isFalse();
    browser.get(base + "/nodes");
    assertThat(text("[data-node=" + TestServer.NODE + "] p.muted"))
        .as("the node's runtime, in words")
        .contains("simulated 1")
        .doesNotContain("RuntimeInfo[");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-node=" + TestServer.NODE + "]"))
                .findElement(By.xpath(".//button[normalize-space()='Cordon']"))
                .isEnabled())
        .as("the cordon button")
        .isFalse();
    shot("viewer-nodes");

    // A change forced past the disabled controls, with the page's own CSRF token: the facade
    // refuses it, naming the caller and the role, and nothing changes.
    Object answer =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/ui/workloads/watched/scale', {method: 'POST', headers: {"
                    + " 'Content-Type': 'application/json', 'X-CSRF-Token':"
                    + " document.querySelector('meta[name=\"csrf-token\"]').content},"
                    + " body: JSON.stringify({replicas: '5'})})"
                    + ".then(r => r.text().then(t => done(r.status + ' ' + t)));");
    assertThat(String.valueOf(answer)).startsWith("403").contains("viewer").contains("role");
    assertThat(server.service().workload("watched").desired()).isEqualTo(1);
  }

  /**
   * Waits until the page's event stream is open and its first change (sent on connect) has been
   * rendered, so that focus moved by the keyboard is not lost to that re-render.
   */
  private void liveSettled() {
    wait(10).until(ExpectedConditions.attributeToBe(By.id("live-dot"), "data-state", "on"));
    try {
      Thread.sleep(1000); // the stream coalesces changes over 400 ms
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private String activeId() {
    return (String)
        ((JavascriptExecutor) browser).executeScript("return document.activeElement.id || '';");
  }

  private List<WebElement> answers() {
    return browser.findElements(By.cssSelector("[data-testid=answer]"));
  }

  private WebElement lastAnswer() {
    List<WebElement> all = answers();
    return all.get(all.size() - 1);
  }

  /** Types {@code text} into the Ask box, submits it with Enter and waits for answer number n. */
  private void ask(String text, int n) {
    WebElement box = browser.findElement(By.id("ask-text"));
    box.sendKeys(text, Keys.ENTER);
    wait(60).until(d -> answers().size() >= n);
  }

  private String background() {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript("return getComputedStyle(document.body).backgroundColor;");
  }

  /** The sum of the red, green and blue of a computed {@code rgb(r, g, b)} colour. */
  private static int luminance(String rgb) {
    int sum = 0;
    for (String part : rgb.replaceAll("[^0-9,]", "").split(",")) {
      sum += Integer.parseInt(part.strip());
    }
    return sum;
  }

  private void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  /** The text of {@code css}, read again when a live re-render replaced it while reading. */
  private String text(String css) {
    return wait(10)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.cssSelector(css)).getText());
  }

  /**
   * Clicks {@code button} inside {@code region}, finding both again when the page's live region
   * re-rendered them in between (a change pushed over SSE, as the first one after a page load).
   */
  private void clickLive(By region, By button) {
    wait(10)
        .until(
            d -> {
              try {
                d.findElement(region).findElement(button).click();
                return true;
              } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
              }
            });
  }

  private WebDriverWait wait(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private void shot(String name) {
    try {
      Files.write(
          SHOTS.resolve(name + ".png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

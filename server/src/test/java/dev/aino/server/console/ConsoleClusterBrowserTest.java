package dev.aino.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.InstanceFilter;
import dev.aino.api.PageRequest;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import dev.aino.testing.etcd.EtcdServer;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console on a cluster of two {@code aino up} servers sharing one real etcd, in headless
 * chromium: draining a node from the Nodes page moves its instances to the other node, and a page
 * left open while its server restarts (same data dir, same port) reconnects its event stream and
 * shows a change made after the restart without a reload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleClusterBrowserTest {
  private static final Path SHOTS = Paths.get("target", "console-screenshots");

  @TempDir static Path dirA;
  @TempDir static Path dirB;
  @TempDir static Path profile;

  private EtcdServer etcd;
  private AinoServer a;
  private AinoServer b;
  private int portA;
  private WebDriver browser;
  private String base;

  @BeforeAll
  void start() throws IOException {
    etcd = new EtcdServer();
    etcd.start();
    a = node(dirA, "node-a", 0);
    portA = a.port();
    b = node(dirB, "node-b", 0);
    Await.until(
        "both nodes to be registered",
        Duration.ofSeconds(30),
        () -> a.service().nodes(PageRequest.first(10)).items().size() == 2);
    base = "http://127.0.0.1:" + portA;
    browser = Browsers.chromium(profile);
    Files.createDirectories(SHOTS);
  }

  private AinoServer node(Path dir, String name, int port) {
    return TestServer.start(
        dir,
        Map.of(),
        "--store",
        "etcd",
        "--etcd-endpoints",
        etcd.endpoint(),
        "--etcd-timeout",
        "30s",
        "--node-name",
        name,
        "--port",
        Integer.toString(port));
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {browser::quit, a, b, etcd}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  @Order(1)
  void drainingANodeFromTheNodesPageMovesItsInstances() {
    // One replica, then the second once the first runs: placed knowing the first, SPREAD puts
    // it on the other node (both servers' controllers may run until one leads).
    WorkloadSpec.Builder spec =
        WorkloadSpec.builder("busybox:1.36")
            .resources(100, 8)
            .placement(new Placement(Map.of(), PlacementStrategy.SPREAD));
    a.service().apply("spread", spec.replicas(1).build());
    running("spread", 1);
    a.service().scale("spread", 2);
    Await.until(
        "spread to run on both nodes",
        Duration.ofSeconds(60),
        () ->
            live("spread").stream().map(Instance::node).distinct().count() == 2
                && live("spread").stream().allMatch(i -> i.phase() == InstancePhase.RUNNING));

    browser.get(base + "/nodes");
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            d -> {
              try {
                d.findElement(By.cssSelector("[data-node=node-b]"))
                    .findElement(By.xpath(".//button[normalize-space()='Drain']"))
                    .click();
                return true;
              } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
              }
            });
    String question = wait(10).until(ExpectedConditions.alertIsPresent()).getText();
    assertThat(question).contains("node-b").contains("1 instance");
    browser.switchTo().alert().accept();
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "drained"));
    wait(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-node=node-b] [data-testid=cordoned]")));
    Await.until(
        "spread's instances to leave node-b and run on node-a",
        Duration.ofSeconds(60),
        () ->
            live("spread").size() == 2
                && live("spread").stream()
                    .allMatch(
                        i -> "node-a".equals(i.node()) && i.phase() == InstancePhase.RUNNING));
    wait(30)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-node=node-b] p.muted"), "0 instances"));
    assertThat(a.service().node("node-b").node().schedulable()).isFalse();
    shot("nodes-drained");
  }

  @Test
  @Order(2)
  void anOpenPageCatchesUpAfterItsServerRestarts() {
    browser.get(base + "/workloads");
    wait(10).until(ExpectedConditions.attributeToBe(By.id("live-dot"), "data-state", "on"));
    ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

    a.close();
    wait(30).until(ExpectedConditions.attributeToBe(By.id("live-dot"), "data-state", "off"));
    a = node(dirA, "node-a", portA);
    a.service().apply("after-restart", WorkloadSpec.builder("nginx:1.27").replicas(0).build());

    wait(90)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-workload=after-restart]")));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;"))
        .as("the page was not reloaded")
        .isEqualTo(true);
    assertThat(browser.findElement(By.id("live-dot")).getAttribute("data-state")).isEqualTo("on");
    shot("workloads-after-restart");
  }

  private List<Instance> live(String workload) {
    return a.service().instances(InstanceFilter.ofWorkload(workload)).stream()
        .filter(i -> !i.phase().isTerminal())
        .toList();
  }

  private void running(String workload, int count) {
    Await.until(
        workload + " to run " + count + " instance(s)",
        Duration.ofSeconds(60),
        () ->
            live(workload).stream().filter(i -> i.phase() == InstancePhase.RUNNING).count()
                == count);
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

package dev.aino.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.model.WorkloadState;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the precompiled templates show each role: a viewer sees the same rows with every change
 * control disabled; text from the cluster is escaped.
 */
class ViewerPagesTest {
  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(ContentType.Html);
  private static final Pattern CONTROL =
      Pattern.compile("<(button|input)[^>]*>", Pattern.CASE_INSENSITIVE);

  private static final WorkloadStatus WEB =
      new WorkloadStatus(
          Workload.create(
              "web", WorkloadSpec.builder("nginx:1.27").replicas(3).build(), Instant.EPOCH),
          3,
          3,
          3,
          3,
          0,
          0,
          0,
          0,
          WorkloadState.HEALTHY,
          "3 of 3 <ready>");

  @Test
  void aViewerSeesTheRowsWithEveryChangeControlDisabled() {
    String html = workloads(Role.VIEWER);
    assertThat(html).contains("/workloads/web").contains("3/3");
    List<String> controls = controls(html);
    assertThat(controls).hasSize(3).allSatisfy(c -> assertThat(c).contains("disabled"));
  }

  @Test
  void anAdminGetsTheControlsEnabled() {
    List<String> controls = controls(workloads(Role.ADMIN));
    assertThat(controls).hasSize(3).noneSatisfy(c -> assertThat(c).contains("disabled"));
  }

  @Test
  void clusterTextIsEscaped() {
    assertThat(workloads(Role.ADMIN)).contains("3 of 3 &lt;ready&gt;").doesNotContain("<ready>");
  }

  private static String workloads(Role role) {
    Shell shell =
        new Shell("Workloads", "workloads", new Caller("pat", role, Surface.CONSOLE), true, "x");
    StringOutput out = new StringOutput();
    TEMPLATES.render(
        "live/workloads.jte",
        Map.of("shell", shell, "view", new Console.WorkloadsView(List.of(WEB), 1, null, null)),
        out);
    return out.toString();
  }

  private static List<String> controls(String html) {
    Matcher m = CONTROL.matcher(html);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}

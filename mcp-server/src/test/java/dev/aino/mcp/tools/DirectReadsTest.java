package dev.aino.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.json.Json;
import dev.aino.mcp.McpOptions;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DirectReadsTest {
  private static final Caller VIEWER = new Caller("v", Role.VIEWER, Surface.MCP);

  /** A tool that says who called it and with what limit. */
  private static ToolSpec<Inputs.PageQuery> spec(
      String name, ToolSpec.Effect effect, Toolset toolset, AtomicReference<Caller> seen) {
    return new ToolSpec<>(
        name,
        name,
        "d",
        Inputs.PageQuery.class,
        Views.ResourcesView.class,
        effect,
        toolset,
        true,
        (ctx, in) -> {
          seen.set(CallerBound.current());
          return new ToolSpec.Reply(
              new Views.ResourcesView(in.limit() == null ? 0 : in.limit(), 1), "ok");
        });
  }

  @Test
  void answersOnlyTheListedReads() {
    AtomicReference<Caller> seen = new AtomicReference<>();
    List<ToolSpec<?>> specs =
        List.of(
            spec("read", ToolSpec.Effect.READ, Toolset.CORE, seen),
            spec("write", ToolSpec.Effect.WRITE, Toolset.CORE, seen),
            spec("destroy", ToolSpec.Effect.DESTRUCTIVE, Toolset.CORE, seen),
            spec("unlisted_read", ToolSpec.Effect.READ, Toolset.NETWORK, seen));
    DirectReads reads = DirectReads.of(specs, McpOptions.defaults());
    assertThat(reads.answers("read")).isTrue();
    assertThat(reads.answers("write")).isFalse();
    assertThat(reads.answers("destroy")).isFalse();
    assertThat(reads.answers("unlisted_read")).isFalse();
    assertThat(reads.answers("none_such")).isFalse();
    assertThat(DirectReads.NONE.answers("read")).isFalse();
    assertThatThrownBy(() -> reads.call("write", VIEWER, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("write");
    assertThat(
            DirectReads.of(specs, McpOptions.defaults().withToolsets(Toolset.all()))
                .answers("unlisted_read"))
        .isTrue();
  }

  @Test
  void callsAsTheCallerAndDecodesTheArgumentsWithFieldPaths() throws Exception {
    AtomicReference<Caller> seen = new AtomicReference<>();
    DirectReads reads =
        DirectReads.of(
            List.of(spec("read", ToolSpec.Effect.READ, Toolset.CORE, seen)), McpOptions.defaults());

    CallToolResult ok = reads.call("read", VIEWER, Json.mapper().readTree("{\"limit\":7}"));
    assertThat(ok.isError()).isFalse();
    assertThat(ok.structuredContent()).isEqualTo(new Views.ResourcesView(7, 1));
    assertThat(((McpSchema.TextContent) ok.content().get(0)).text()).isEqualTo("ok");
    assertThat(seen.get()).isEqualTo(VIEWER);

    assertThat(reads.call("read", VIEWER, null).isError()).isFalse();
    assertThat(reads.call("read", VIEWER, Json.mapper().nullNode()).isError()).isFalse();

    CallToolResult bad = reads.call("read", VIEWER, Json.mapper().readTree("{\"limit\":\"x\"}"));
    assertThat(bad.isError()).isTrue();
    assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).contains("limit");
    CallToolResult unknown = reads.call("read", VIEWER, Json.mapper().readTree("{\"lmit\":1}"));
    assertThat(unknown.isError()).isTrue();
    assertThat(((McpSchema.TextContent) unknown.content().get(0)).text()).contains("lmit");
  }

  @Test
  void aContextWithoutAStreamRefusesWhatNeedsOne() {
    ToolContext context = ToolContext.withoutStream();
    // No progress token was given: nothing to report, nothing refused.
    context.progress(1, 2, "half");
    assertThatThrownBy(() -> context.log(McpSchema.LoggingLevel.INFO, "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot log");
    assertThatThrownBy(() -> context.requireConfirmation(false, "sure?"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("confirmation");
  }
}

package dev.aino.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.mcp.McpOptions;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolAdapterTest {
  private static ToolSpec<Inputs.None> spec(String name, ToolSpec.Effect effect) {
    return spec(name, effect, Toolset.CORE);
  }

  private static ToolSpec<Inputs.None> spec(String name, ToolSpec.Effect effect, Toolset toolset) {
    return new ToolSpec<>(
        name,
        name,
        "d",
        Inputs.None.class,
        Views.ResourcesView.class,
        effect,
        toolset,
        true,
        (ctx, in) -> new ToolSpec.Reply(new Views.ResourcesView(1, 1), "ok"));
  }

  private static final List<ToolSpec<?>> ALL =
      List.of(
          spec("read", ToolSpec.Effect.READ),
          spec("write", ToolSpec.Effect.WRITE),
          spec("destroy", ToolSpec.Effect.DESTRUCTIVE));

  private static List<String> names(McpOptions options) {
    return ToolAdapter.adapt(ALL, options).stream().map(s -> s.tool().name()).toList();
  }

  @Test
  void safetyFlagsHideTools() {
    assertThat(names(McpOptions.defaults())).containsExactly("read", "write", "destroy");
    assertThat(names(new McpOptions(true, false, List.of(), List.of()))).containsExactly("read");
    assertThat(names(new McpOptions(false, true, List.of(), List.of())))
        .containsExactly("read", "write");
  }

  @Test
  void hintsFollowTheEffect() {
    var tools = ToolAdapter.adapt(ALL, McpOptions.defaults());
    assertThat(tools.get(0).tool().annotations().readOnlyHint()).isTrue();
    assertThat(tools.get(1).tool().annotations().destructiveHint()).isFalse();
    assertThat(tools.get(2).tool().annotations().destructiveHint()).isTrue();
    assertThat(tools.get(2).tool().annotations().openWorldHint()).isFalse();
  }

  @Test
  void eachRoleIsListedTheToolsItMayCallAndNoCallerOnlyTheReads() {
    List<ToolSpec<?>> specs =
        List.of(
            spec("read", ToolSpec.Effect.READ),
            spec("write", ToolSpec.Effect.WRITE),
            spec("destroy", ToolSpec.Effect.DESTRUCTIVE),
            spec("node_read", ToolSpec.Effect.READ, Toolset.NODES),
            spec("node_write", ToolSpec.Effect.WRITE, Toolset.NODES),
            spec("node_destroy", ToolSpec.Effect.DESTRUCTIVE, Toolset.NODES));
    List<McpSchema.Tool> tools =
        ToolAdapter.adapt(specs, McpOptions.defaults()).stream().map(t -> t.tool()).toList();

    assertThat(visible(specs, tools, Role.ADMIN))
        .containsExactly("read", "write", "destroy", "node_read", "node_write", "node_destroy");
    assertThat(visible(specs, tools, Role.OPERATOR))
        .containsExactly("read", "write", "destroy", "node_read");
    assertThat(visible(specs, tools, Role.VIEWER)).containsExactly("read", "node_read");
    McpSyncListFilter<McpSchema.Tool> noCaller =
        ToolAdapter.roleFilter(
            specs,
            context -> {
              throw new dev.aino.error.AinoException(
                  dev.aino.error.ErrorCode.UNAUTHENTICATED, "none");
            });
    assertThat(tools.stream().filter(t -> noCaller.isVisible(McpTransportContext.EMPTY, t)))
        .extracting(McpSchema.Tool::name)
        .containsExactly("read", "node_read");
  }

  private static List<String> visible(
      List<ToolSpec<?>> specs, List<McpSchema.Tool> tools, Role role) {
    Caller caller = new Caller("c", role, Surface.MCP);
    McpSyncListFilter<McpSchema.Tool> filter = ToolAdapter.roleFilter(specs, context -> caller);
    return tools.stream()
        .filter(t -> filter.isVisible(McpTransportContext.EMPTY, t))
        .map(McpSchema.Tool::name)
        .toList();
  }

  @Test
  void theNetworkToolsetIsInAllButNotInTheDefault() {
    assertThat(Toolset.defaults())
        .isEqualTo(EnumSet.of(Toolset.CORE, Toolset.NODES, Toolset.LOGS, Toolset.INTENTS));
    assertThat(Toolset.parse("--mcp-toolsets", List.of("all"))).contains(Toolset.NETWORK);
    assertThat(Toolset.parse("--mcp-toolsets", List.of(Toolset.DEFAULT.split(","))))
        .isEqualTo(Toolset.defaults());
    assertThat(McpOptions.defaults().toolsets()).isEqualTo(Toolset.defaults());
    List<ToolSpec<?>> specs =
        List.of(
            spec("read", ToolSpec.Effect.READ),
            spec("list_endpoints", ToolSpec.Effect.READ, Toolset.NETWORK));
    assertThat(ToolAdapter.adapt(specs, McpOptions.defaults()))
        .extracting(t -> t.tool().name())
        .containsExactly("read");
    assertThat(
            ToolAdapter.adapt(specs, McpOptions.defaults().withToolsets(Toolset.all())).stream()
                .map(t -> t.tool().name()))
        .containsExactly("read", "list_endpoints");
  }
}

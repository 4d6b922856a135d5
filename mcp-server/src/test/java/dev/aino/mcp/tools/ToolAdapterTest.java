package dev.aino.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.mcp.McpOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolAdapterTest {
  private static ToolSpec<Inputs.None> spec(String name, ToolSpec.Effect effect) {
    return new ToolSpec<>(
        name,
        name,
        "d",
        Inputs.None.class,
        Views.ResourcesView.class,
        effect,
        Toolset.CORE,
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
}

package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PromptLibraryTest {
  @Test
  void servesEveryFileOfThePromptsDirectory() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(Path.of("..", "prompts"))) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".md"))
              .map(n -> n.substring(0, n.length() - 3))
              .collect(Collectors.toList());
    }
    assertThat(PromptLibrary.NAMES).containsExactlyInAnyOrderElementsOf(files);
    List<SyncPromptSpecification> prompts = PromptLibrary.load().specifications();
    assertThat(prompts).hasSize(files.size());
    prompts.forEach(p -> assertThat(p.prompt().description()).isNotBlank());
  }

  @Test
  void parsesFrontMatterArguments() {
    PromptLibrary.PromptFile file =
        PromptLibrary.PromptFile.parse(
            "x",
            "---\ntitle: T\ndescription: D\nargument: workload | required | The workload.\n"
                + "argument: n | optional | Count.\n---\nFix {{workload}} x{{n}}.\n");
    assertThat(file.title()).isEqualTo("T");
    assertThat(file.arguments()).hasSize(2);
    assertThat(file.arguments().get(0).required()).isTrue();
    assertThat(file.arguments().get(1).required()).isFalse();
    assertThat(file.body()).isEqualTo("Fix {{workload}} x{{n}}.");
    assertThat(PromptLibrary.load().withWorkloadArgument())
        .contains("diagnose-workload", "scale-for-load", "deploy-service");
  }
}

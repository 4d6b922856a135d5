package dev.aino.mcp;

import dev.aino.error.ValidationException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The prompts of the repository's {@code prompts/} directory, copied onto the classpath by the
 * build. Each file starts with a front matter block:
 *
 * <pre>
 * ---
 * title: Diagnose a workload
 * description: Find out why a workload is unhealthy and fix it.
 * argument: workload | required | The workload to diagnose.
 * ---
 * The text, with {{workload}} replaced by the argument.
 * </pre>
 */
public final class PromptLibrary {
  /** The prompt files, by name (a classpath directory cannot be listed inside a jar). */
  public static final List<String> NAMES =
      List.of(
          "deploy-service",
          "diagnose-workload",
          "capacity-report",
          "scale-for-load",
          "operator-system-prompt");

  private static final String ROOT = "prompts/";

  private final List<PromptFile> prompts;

  private PromptLibrary(List<PromptFile> prompts) {
    this.prompts = prompts;
  }

  /** Loads every prompt in {@link #NAMES}. */
  public static PromptLibrary load() {
    List<PromptFile> files = new ArrayList<>();
    for (String name : NAMES) {
      try (InputStream in = PromptLibrary.class.getResourceAsStream(ROOT + name + ".md")) {
        if (in == null) {
          throw new IllegalStateException("prompt " + name + ".md is missing from the classpath");
        }
        files.add(PromptFile.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new PromptLibrary(files);
  }

  /** The prompts, ready for the SDK. */
  public List<SyncPromptSpecification> specifications() {
    return prompts.stream()
        .map(
            p ->
                new SyncPromptSpecification(
                    new McpSchema.Prompt(p.name(), p.title(), p.description(), p.arguments()),
                    (exchange, request) -> render(p, request.arguments())))
        .collect(Collectors.toList());
  }

  /** Names of the prompts that take a {@code workload} argument (completed with names). */
  public List<String> withWorkloadArgument() {
    return prompts.stream()
        .filter(p -> p.arguments().stream().anyMatch(a -> a.name().equals("workload")))
        .map(PromptFile::name)
        .collect(Collectors.toList());
  }

  private static GetPromptResult render(PromptFile prompt, Map<String, Object> arguments) {
    String text = prompt.body();
    for (PromptArgument arg : prompt.arguments()) {
      Object value = arguments == null ? null : arguments.get(arg.name());
      if (value == null && Boolean.TRUE.equals(arg.required())) {
        throw new ValidationException(arg.name(), "is required by prompt " + prompt.name());
      }
      text = text.replace("{{" + arg.name() + "}}", value == null ? "" : value.toString());
    }
    return new GetPromptResult(
        prompt.description(),
        List.of(new PromptMessage(Role.USER, new McpSchema.TextContent(text))));
  }

  /** One parsed prompt file. */
  record PromptFile(
      String name, String title, String description, List<PromptArgument> arguments, String body) {

    static PromptFile parse(String name, String text) {
      String normalized = text.replace("\r\n", "\n");
      if (!normalized.startsWith("---\n")) {
        throw new IllegalStateException("prompt " + name + " has no front matter");
      }
      int end = normalized.indexOf("\n---\n", 4);
      if (end < 0) {
        throw new IllegalStateException("prompt " + name + ": front matter is not closed");
      }
      String title = null;
      String description = null;
      List<PromptArgument> arguments = new ArrayList<>();
      for (String line : normalized.substring(4, end).split("\n")) {
        int colon = line.indexOf(':');
        if (line.isBlank() || colon < 0) {
          continue;
        }
        String key = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        switch (key) {
          case "title" -> title = value;
          case "description" -> description = value;
          case "argument" -> arguments.add(argument(name, value));
          default -> throw new IllegalStateException("prompt " + name + ": unknown key " + key);
        }
      }
      return new PromptFile(
          name, title, description, List.copyOf(arguments), normalized.substring(end + 5).trim());
    }

    /** {@code name | required | description} or {@code name | optional | description}. */
    private static PromptArgument argument(String prompt, String value) {
      String[] parts = value.split("\\|", 3);
      if (parts.length != 3) {
        throw new IllegalStateException(
            "prompt " + prompt + ": argument must read 'name | required | description'");
      }
      return new PromptArgument(
          parts[0].trim(), parts[2].trim(), parts[1].trim().equals("required"));
    }
  }
}

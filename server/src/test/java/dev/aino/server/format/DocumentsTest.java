package dev.aino.server.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON and YAML documents in, trees out; syntax errors say where. */
class DocumentsTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryDocumentOfAYamlStreamAndSkipsEmptyOnes() {
    List<JsonNode> documents =
        Documents.readAll(
            bytes("---\nname: a\n---\n---\nname: b\n...\n---\n"), DocumentFormat.YAML, "f.yaml");

    assertThat(documents).extracting(d -> d.path("name").asText()).containsExactly("a", "b");
  }

  @Test
  void yamlAndJsonMeanTheSame() {
    JsonNode yaml =
        Documents.readOne(
            bytes("name: web\nspec:\n  replicas: 3\n  command: [sh, \"-c\"]\n"),
            DocumentFormat.YAML,
            "body");
    JsonNode json =
        Documents.readOne(
            bytes("{\"name\":\"web\",\"spec\":{\"replicas\":3,\"command\":[\"sh\",\"-c\"]}}"),
            DocumentFormat.JSON,
            "body");

    assertThat(yaml).isEqualTo(json);
  }

  @Test
  void aJsonSyntaxErrorNamesTheSourceLineAndColumn() {
    assertThatThrownBy(
            () -> Documents.readAll(bytes("{\n  \"name\": }"), DocumentFormat.JSON, "body"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("body: is not valid JSON: ")
        .hasMessageContaining("(line 2, column ");
  }

  @Test
  void trailingJsonIsRefused() {
    assertThatThrownBy(() -> Documents.readAll(bytes("{} {}"), DocumentFormat.JSON, "body"))
        .hasMessageStartingWith("body: is not valid JSON: ");
  }

  @Test
  void aYamlSyntaxErrorNamesTheSourceLineAndColumn() {
    assertThatThrownBy(
            () -> Documents.readAll(bytes("name: a\nspec: [\n"), DocumentFormat.YAML, "web.yaml"))
        .hasMessageStartingWith("web.yaml: is not valid YAML: ")
        .hasMessageContaining("(line ");
  }

  @Test
  void aYamlSyntaxErrorSaysWhatWasExpectedAndShowsTheLine() {
    assertThatThrownBy(
            () ->
                Documents.readAll(
                    bytes("name: web\nspec:\n  image: busybox\n  command: [sh, -c\n"),
                    DocumentFormat.YAML,
                    "web.yaml"))
        .hasMessageStartingWith("web.yaml: is not valid YAML: expected ',' or ']'")
        .hasMessageContaining("while parsing a flow sequence that began at line 4, column 12")
        .hasMessageEndingWith("\n    command: [sh, -c\n             ^");
  }

  @Test
  void duplicateKeysAreRefusedInJsonAndYaml() {
    assertThatThrownBy(
            () ->
                Documents.readAll(
                    bytes("{\"name\":\"dup\",\"name\":\"dup2\"}"), DocumentFormat.JSON, "body"))
        .hasMessage("name: is given twice in one object; keep one (body, line 1, column 15)");
    assertThatThrownBy(
            () ->
                Documents.readAll(
                    bytes("name: a\nspec:\n  env: {A: x, A: y}\n"), DocumentFormat.YAML, "f.yaml"))
        .hasMessage(
            "spec.env.A: is given twice in one object; keep one (f.yaml, line 3, column 15)");
  }

  @Test
  void yamlAliasesStandForACopyOfTheAnchoredValue() {
    JsonNode doc =
        Documents.readOne(
            bytes(
                "name: &n al2\nspec:\n  env: {A: *n}\n  command: &c [sh, -c]\n  args: *c\n"
                    + "  labels: &m {a: b}\n  other: {x: *m}\n"),
            DocumentFormat.YAML,
            "body");

    assertThat(doc.path("spec").path("env").path("A").asText()).isEqualTo("al2");
    assertThat(doc.path("spec").path("args")).isEqualTo(doc.path("spec").path("command"));
    assertThat(doc.path("spec").path("other").path("x").path("a").asText()).isEqualTo("b");
  }

  @Test
  void anAliasToNoAnchorIsRefused() {
    assertThatThrownBy(
            () -> Documents.readAll(bytes("a: &x [1, *x]\n"), DocumentFormat.YAML, "f.yaml"))
        .hasMessageStartingWith("a[1]: refers to the anchor &x, which is not defined before it");
  }

  @Test
  void anAliasBombIsRefused() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }

    assertThatThrownBy(
            () -> Documents.readAll(bytes(bomb.toString()), DocumentFormat.YAML, "bomb.yaml"))
        .hasMessageContaining("aliases stand for more than 10000 values");
  }

  @Test
  void anchorsDoNotReachIntoTheNextDocument() {
    assertThatThrownBy(
            () -> Documents.readAll(bytes("a: &x 1\n---\nb: *x\n"), DocumentFormat.YAML, "f.yaml"))
        .hasMessageStartingWith("b: refers to the anchor &x");
  }

  @Test
  void readOneWantsExactlyOneDocument() {
    assertThatThrownBy(
            () -> Documents.readOne(bytes("a: 1\n---\nb: 2\n"), DocumentFormat.YAML, "body"))
        .hasMessage("body: holds 2 documents; expected one");
    assertThatThrownBy(() -> Documents.readOne(bytes("---\n"), DocumentFormat.YAML, "body"))
        .hasMessage("body: is empty; expected one YAML document");
  }

  @ParameterizedTest
  @CsvSource({
    "'', JSON",
    "application/json, JSON",
    "application/json; charset=utf-8, JSON",
    "application/merge-patch+json, JSON",
    "application/yaml, YAML",
    "application/x-yaml, YAML",
    "text/yaml; charset=utf-8, YAML",
  })
  void knowsTheMediaTypes(String contentType, DocumentFormat format) {
    assertThat(DocumentFormat.ofContentType(contentType)).isEqualTo(format);
  }

  @Test
  void refusesOtherMediaTypesNamingTheHeader() {
    assertThatThrownBy(() -> DocumentFormat.ofContentType("text/plain"))
        .hasMessage(
            "Content-Type: must be application/json or application/yaml, got \"text/plain\"");
  }

  @Test
  void tellsTheFormatOfAFileByItsName() {
    assertThat(DocumentFormat.ofFileName("a/web.YAML", "-f")).isEqualTo(DocumentFormat.YAML);
    assertThat(DocumentFormat.ofFileName("web.yml", "-f")).isEqualTo(DocumentFormat.YAML);
    assertThat(DocumentFormat.ofFileName("web.json", "-f")).isEqualTo(DocumentFormat.JSON);
    assertThatThrownBy(() -> DocumentFormat.ofFileName("web.txt", "-f"))
        .hasMessageStartingWith("-f: must name a .yaml, .yml or .json file");
  }

  @Test
  void yamlOutputKeepsNumericStringsStrings() throws Exception {
    String yaml = Yaml.mapper().writeValueAsString(List.of("httpd", "8080", "true"));

    assertThat(Yaml.mapper().readTree(yaml))
        .allSatisfy(node -> assertThat(node.isTextual()).isTrue());
  }
}

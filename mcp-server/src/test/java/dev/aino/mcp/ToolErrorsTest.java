package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

/** One mapping of error codes for every resource, as for every tool. */
class ToolErrorsTest {
  private static final String URI = "aino://workloads/web";

  @Test
  void whatNamesNothingReadableIsResourceNotFound() {
    for (ErrorCode code :
        new ErrorCode[] {
          ErrorCode.NOT_FOUND, ErrorCode.INVALID_ARGUMENT, ErrorCode.FAILED_PRECONDITION
        }) {
      McpError error = ToolErrors.forResource(URI, new AinoException(code, "no"));
      assertThat(error.getJsonRpcError().code())
          .as(code.name())
          .isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND);
    }
  }

  @Test
  void otherFailuresSayTheirCodeAndWhatToDo() {
    McpError error =
        ToolErrors.forResource(
            URI, new AinoException(ErrorCode.UNAVAILABLE, "sqlite store unavailable: locked"));

    assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INTERNAL_ERROR);
    assertThat(error.getJsonRpcError().message())
        .startsWith("UNAVAILABLE: sqlite store unavailable: locked. ")
        .contains("retry");
  }
}

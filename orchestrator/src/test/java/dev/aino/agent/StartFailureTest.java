package dev.aino.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.error.RuntimeFailureException;
import dev.aino.image.ImagePullErrors;
import org.junit.jupiter.api.Test;

class StartFailureTest {
  @Test
  void anImageErrorInTheCauseChainIsTheReason() {
    var pull = ImagePullErrors.failed("manifest unknown for 127.0.0.1:5000/nope:latest");
    var start = new RuntimeFailureException("starting instance web-a1: " + pull.getMessage(), pull);

    StartFailure failure = StartFailure.of(start);

    assertThat(failure.reason()).isEqualTo("ImagePullFailed");
    assertThat(failure.message()).isEqualTo("manifest unknown for 127.0.0.1:5000/nope:latest");
    assertThat(failure.describe())
        .isEqualTo("ImagePullFailed: manifest unknown for 127.0.0.1:5000/nope:latest");
  }

  @Test
  void anyOtherFailureIsStartFailedWithTheRuntimesMessage() {
    StartFailure failure =
        StartFailure.of(new RuntimeFailureException("starting instance web-a1: runc failed"));

    assertThat(failure.reason()).isEqualTo("StartFailed");
    assertThat(failure.message()).isEqualTo("starting instance web-a1: runc failed");
    assertThat(failure.describe()).isEqualTo("start failed: starting instance web-a1: runc failed");
  }
}

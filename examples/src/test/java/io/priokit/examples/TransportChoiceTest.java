package io.priokit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.Environment;
import io.priokit.PriokitClient;
import io.priokit.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples have every transport on their class path, as an application that mixes stacks would. */
class TransportChoiceTest {

  @Test
  void withSeveralTransportsAndNoneChosenTheErrorNamesThemAndSaysHowToChoose() {
    assertThatThrownBy(() -> PriokitClient.builder().environment(Environment.SANDBOX).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Several priokit transports on the class path (apache, jdk, vertx)")
        .hasMessageContaining("transport(\"apache\")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "vertx"})
  void aTransportCanBeChosenByName(String name) {
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(name).build()) {
      assertThat(client.transportName()).isEqualTo(name);
    }
  }
}

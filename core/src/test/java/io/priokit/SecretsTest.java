package io.priokit;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.spi.TransportRequest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials and tokens never reach a {@code toString}. */
class SecretsTest {

  private static final String SECRET = "s3cr3t-Value-9f8e7d";

  @Test
  void credentialsShowTheIdButNotTheSecret() {
    ClientCredentials credentials = ClientCredentials.of("client-17", SECRET, "system");

    assertThat(credentials.toString()).contains("client-17", "system").doesNotContain(SECRET);
  }

  @Test
  void clientShowsTheIdButNotTheSecret() {
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX)
        .transport(new FakeTransport()).credentials("client-17", SECRET).build()) {
      assertThat(client.toString()).contains("client-17", "sandbox").doesNotContain(SECRET);
    }
  }

  @Test
  void transportRequestShowsHeaderNamesButNotTheirValues() {
    TransportRequest request = TransportRequest.get(URI.create("https://host/x"),
        Map.of("Authorization", "Bearer " + SECRET), 1024);

    assertThat(request.toString()).contains("Authorization").doesNotContain(SECRET);
  }
}

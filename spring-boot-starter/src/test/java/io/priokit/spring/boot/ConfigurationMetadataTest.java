package io.priokit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata the starter's jar carries, from which IDEs complete and describe the
 * {@code priokit.*} properties.
 */
class ConfigurationMetadataTest {

  @Test
  void theTlsAndProxyPropertiesAreDescribedWithTheirTypes() throws IOException {
    Map<String, JsonNode> properties = properties();

    assertThat(properties).containsKeys("priokit.tls.trust-store.location", "priokit.tls.trust-store.type",
        "priokit.tls.trust-store.password", "priokit.tls.key-store.location", "priokit.tls.key-store.type",
        "priokit.tls.key-store.password", "priokit.tls.protocols", "priokit.tls.http-version",
        "priokit.proxy.host", "priokit.proxy.port", "priokit.proxy.username", "priokit.proxy.password",
        "priokit.proxy.no-proxy", "priokit.proxy.use-system-properties");
    assertThat(properties.get("priokit.tls.http-version").path("type").asText())
        .isEqualTo("io.priokit.net.HttpVersionPolicy");
    assertThat(properties.get("priokit.tls.trust-store.location").path("type").asText())
        .isEqualTo("java.nio.file.Path");
    assertThat(properties.get("priokit.tls.key-store.type").path("defaultValue").asText()).isEqualTo("PKCS12");
  }

  @Test
  void everyPropertyHasADescription() throws IOException {
    assertThat(properties().values()).allSatisfy(property ->
        assertThat(property.path("description").asText()).as(property.path("name").asText()).isNotBlank());
  }

  @Test
  void theTlsVersionsAreHinted() throws IOException {
    JsonNode metadata = metadata();
    JsonNode protocols = null;
    for (JsonNode hint : metadata.path("hints")) {
      if (hint.path("name").asText().equals("priokit.tls.protocols")) {
        protocols = hint;
      }
    }
    assertThat(protocols).isNotNull();
    assertThat(protocols.path("values").findValuesAsText("value")).containsExactly("TLSv1.3", "TLSv1.2");
  }

  private static Map<String, JsonNode> properties() throws IOException {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode property : metadata().path("properties")) {
      byName.put(property.path("name").asText(), property);
    }
    return byName;
  }

  private static JsonNode metadata() throws IOException {
    try (InputStream json =
        PriokitProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(json).as("the metadata the configuration processor writes").isNotNull();
      return new ObjectMapper().readTree(json);
    }
  }
}

package io.github.discoverysdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete {@code discovery.*} from is generated, with descriptions. */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyIsDescribedForIdeCompletion() throws Exception {
    Map<String, JsonNode> properties = new HashMap<>();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
        properties.put(p.get("name").asText(), p);
      }
    }

    assertThat(properties)
        .containsKeys(
            "discovery.enabled",
            "discovery.storage.migrate",
            "discovery.engine.allow-system-calls",
            "discovery.scheduler.tick",
            "discovery.health.tenants",
            "discovery.sources.rss",
            "discovery.sources.greenhouse",
            "discovery.sources.sec-edgar.user-agent",
            "discovery.sinks.hubspot.enabled",
            "discovery.sinks.salesforce.instance-url",
            "discovery.credentials");
    assertThat(properties.values())
        .allSatisfy(p -> assertThat(p.path("description").asText()).isNotBlank());
    assertThat(properties.get("discovery.scheduler.tick").get("defaultValue").asText())
        .isEqualTo("1m");
  }
}

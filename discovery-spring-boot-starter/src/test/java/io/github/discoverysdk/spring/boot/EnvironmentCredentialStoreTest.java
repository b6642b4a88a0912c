package io.github.discoverysdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.spi.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class EnvironmentCredentialStoreTest {
  final StandardEnvironment environment = new StandardEnvironment();
  final EnvironmentCredentialStore store = new EnvironmentCredentialStore(environment);

  @Test
  void aTenantsKeyWinsOverTheDefault() {
    properties(
        Map.of(
            "discovery.credentials.acme.hubspot", "pat-acme",
            "discovery.credentials.default.hubspot", "pat-shared"));

    assertThat(store.find("acme", "hubspot")).contains(Secret.of("pat-acme"));
    assertThat(store.find("globex", "hubspot")).contains(Secret.of("pat-shared"));
    assertThat(store.find("acme", "salesforce")).isEmpty();
  }

  @Test
  void environmentVariablesAreReadByTheirRelaxedNames() {
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "test-env", Map.of("DISCOVERY_CREDENTIALS_ACME_APOLLO", "key-1")));

    assertThat(store.find("acme", "apollo")).contains(Secret.of("key-1"));
  }

  @Test
  void aBlankValueIsNoKeyAndNothingLeaksInToString() {
    properties(Map.of("discovery.credentials.acme.hubspot", " "));

    assertThat(store.find("acme", "hubspot")).isEmpty();
    assertThat(store.toString()).doesNotContain("pat");
  }

  private void properties(Map<String, Object> values) {
    environment.getPropertySources().addFirst(new MapPropertySource("test", values));
  }
}

package io.github.discoverysdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/** The README's Spring Boot properties bind and start an engine, so the docs cannot rot. */
class ReadmeSpringBootTest {
  @Test
  void theReadmesPropertiesStartAnEngine() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## Spring Boot"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```", start));
    List<PropertySource<?>> loaded =
        new YamlPropertySourceLoader()
            .load("readme", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));

    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DiscoveryAutoConfiguration.class, DiscoveryConnectorsAutoConfiguration.class))
        .withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(loaded.get(0)))
        // Nothing in this test may reach the internet: no background round.
        .withPropertyValues("discovery.scheduler.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(DiscoveryEngine.class);
              DiscoveryProperties p = ctx.getBean(DiscoveryProperties.class);
              assertThat(p.getSources().getRss()).hasSize(1);
              assertThat(p.getSources().getRss().get(0).getPublisher()).isEqualTo("Stripe");
              assertThat(p.getSources().getGreenhouse().get(0).getBoard()).isEqualTo("stripe");
              assertThat(p.getSources().getSecEdgar().isEnabled()).isTrue();
              assertThat(p.getSources().getJson().get(0).getResources())
                  .containsExactly("signals/news.json");
              assertThat(p.getSinks().getHubspot().isEnabled()).isTrue();
              assertThat(p.getHealth().getTenants()).containsExactly("acme");
            });
  }
}

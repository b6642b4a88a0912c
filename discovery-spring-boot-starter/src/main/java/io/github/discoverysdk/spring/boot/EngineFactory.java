package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.source.JsonFileSource;
import java.util.List;

/** Applies the engine's {@code discovery.*} properties to its builder. Stateless. */
final class EngineFactory {
  private EngineFactory() {}

  /**
   * Sets the engine settings and adds the JSON file sources.
   *
   * @throws ValidationException naming the property, if a source's settings are invalid
   */
  static void applyProperties(
      DiscoveryEngine.Builder builder, DiscoveryProperties properties, ClassLoader classLoader) {
    DiscoveryProperties.Engine engine = properties.getEngine();
    if (engine.isAllowSystemCalls()) {
      builder.allowSystemCalls();
    }
    if (engine.getThreads() != null) {
      builder.threads(engine.getThreads());
    }
    if (engine.getCloseTimeout() != null) {
      builder.closeTimeout(engine.getCloseTimeout());
    }
    List<DiscoverySourceProperties.Json> json = properties.getSources().getJson();
    for (int i = 0; i < json.size(); i++) {
      builder.addSource(jsonSource("discovery.sources.json[" + i + "]", json.get(i), classLoader));
    }
  }

  private static JsonFileSource jsonSource(
      String property, DiscoverySourceProperties.Json json, ClassLoader classLoader) {
    String id = PropertyChecks.required(property + ".id", json.getId());
    boolean hasResources = !json.getResources().isEmpty();
    if (hasResources == (json.getDirectory() != null)) {
      throw new ValidationException(
          property + ": set either resources (classpath) or directory, not both nor neither");
    }
    return PropertyChecks.wrap(
        property,
        () ->
            hasResources
                ? JsonFileSource.fromClasspath(
                    id, classLoader, json.getResources().toArray(String[]::new))
                : JsonFileSource.fromDirectory(id, json.getDirectory()));
  }
}

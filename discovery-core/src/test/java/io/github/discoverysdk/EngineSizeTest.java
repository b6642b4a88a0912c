package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine's package readable: each class of the root package (the engine, its builder,
 * facets and collaborators) stays short enough for one reader to hold in mind. A class that grows
 * past it is split, as {@code DiscoveryEngine} was into a facade and its collaborators. Reads the
 * sources, which surefire finds from the module's directory.
 */
class EngineSizeTest {
  private static final int MAX_LINES = 400;
  private static final Path ROOT = Path.of("src/main/java/io/github/discoverysdk");

  @Test
  void noClassOfTheEnginePackageIsPastFourHundredLines() throws IOException {
    Map<String, Integer> tooLong = new TreeMap<>();
    try (Stream<Path> files = Files.list(ROOT)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() > MAX_LINES) {
          tooLong.put(file.getFileName().toString(), lines.size());
        }
      }
    }

    assertThat(ROOT.resolve("DiscoveryEngine.java")).exists();
    assertThat(tooLong).as("classes past %d lines: split them", MAX_LINES).isEmpty();
  }
}

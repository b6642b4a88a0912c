package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.scoring.ScoringPolicy;
import io.github.discoverysdk.spi.SignalSource;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every source this module ships is weighed by the default scoring policy (#19). The sources are
 * found by scanning this module's classes for public {@link SignalSource} implementations, and
 * their ids read from their {@code ID} / {@code *ID_PREFIX} constants, so a new source without a
 * mapping, or a renamed id, fails here instead of silently scoring at the default 0.7.
 */
class ShippedSourceReliabilityTest {
  private static final String PACKAGE = "io.github.discoverysdk.connectors";

  /** Public, concrete SignalSource classes of this module's main code. */
  private static List<Class<?>> shippedSources() throws Exception {
    URI location = SecEdgar.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    Path root = Path.of(location);
    List<Class<?>> found = new ArrayList<>();
    if (Files.isDirectory(root)) {
      scan(root, found);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(root)) {
        scan(jar.getPath("/"), found);
      }
    }
    return found;
  }

  private static void scan(Path root, List<Class<?>> found) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        if (!name.startsWith(PACKAGE) || name.contains("$")) {
          continue;
        }
        try {
          Class<?> c = Class.forName(name, false, SecEdgar.class.getClassLoader());
          if (SignalSource.class.isAssignableFrom(c)
              && Modifier.isPublic(c.getModifiers())
              && !Modifier.isAbstract(c.getModifiers())
              && !c.isInterface()) {
            found.add(c);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          throw new AssertionError("cannot load " + name, e);
        }
      }
    }
  }

  /** The ids ({@code ID}) and id families ({@code *ID_PREFIX}, as "prefix.*") a class declares. */
  private static List<String> declaredIds(Class<?> c) throws IllegalAccessException {
    List<String> ids = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      int m = f.getModifiers();
      if (!Modifier.isPublic(m) || !Modifier.isStatic(m) || f.getType() != String.class) {
        continue;
      }
      if (f.getName().equals("ID")) {
        ids.add((String) f.get(null));
      } else if (f.getName().endsWith("ID_PREFIX")) {
        ids.add(f.get(null) + ".*");
      }
    }
    return ids;
  }

  @Test
  void theScanFindsTheShippedSources() throws Exception {
    // Guards the scan itself: if it found nothing, the test below would pass vacuously.
    assertThat(shippedSources())
        .contains(SecEdgar.class, GreenhouseJobs.class, RssNews.class, ICalendarEvents.class)
        .hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void everyShippedSourceIdHasAReliabilityInTheDefaultPolicy() throws Exception {
    Map<String, Double> shipped = ScoringPolicy.defaults().sourceReliability();
    Map<String, List<String>> idsBySource = new TreeMap<>();
    for (Class<?> c : shippedSources()) {
      idsBySource.put(c.getSimpleName(), declaredIds(c));
    }

    assertThat(idsBySource).allSatisfy((source, ids) -> assertThat(ids).as(source).isNotEmpty());
    List<String> all = idsBySource.values().stream().flatMap(List::stream).toList();
    assertThat(all).allSatisfy(id -> assertThat(shipped).as(id).containsKey(id));
    assertThat(shipped.keySet())
        .as("mappings for ids no shipped source uses")
        .containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void aSourceBuiltWithItsDefaultIdIsWeighedByItsFamily() {
    ScoringPolicy policy = ScoringPolicy.defaults();
    String greenhouse =
        GreenhouseJobs.builder().board("acme").http(HttpToolkit.create()).build().id();

    assertThat(policy.reliabilityOf(greenhouse)).isEqualTo(ScoringPolicy.COMPANY_NEWSROOM);
    assertThat(policy.reliabilityOf(SecEdgar.ID)).isEqualTo(ScoringPolicy.REGULATORY_FILINGS);
    assertThat(policy.reliabilityOf(GdeltNews.ID)).isEqualTo(ScoringPolicy.AGGREGATOR);
    assertThat(policy.reliabilityOf("rss.trade-press")).isEqualTo(ScoringPolicy.ESTABLISHED_NEWS);
    assertThat(policy.reliabilityOf("my-own-feed")).isEqualTo(policy.defaultReliability());
  }
}

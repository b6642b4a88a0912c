package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Theme;
import java.util.Set;

/**
 * Tells which {@link Theme}s of the SDK's taxonomy a text is about (funding, layoffs, leadership
 * change...). The SDK's default is the rule-based detector of {@code discovery-connectors} ({@code
 * RuleThemeDetector}); a classifier or an LLM can stand behind the same interface. An ingestion
 * processor ({@code TextProcessors.themes} in {@code discovery-connectors}) runs it over each
 * signal and stores the result in {@code Signal.themes()}.
 *
 * <p>Implementations must be thread-safe and take time linear in the text's length.
 */
public interface ThemeDetector {
  /** A stable id for logs and errors, for example {@code "rules"}. */
  String id();

  /**
   * The themes of a signal's title and text.
   *
   * @param title the title; never null
   * @param text the body; may be empty, never null
   * @return the themes found, possibly none; never null
   */
  Set<Theme> detect(String title, String text);
}

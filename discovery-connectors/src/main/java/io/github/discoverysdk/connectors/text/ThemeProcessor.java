package io.github.discoverysdk.connectors.text;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.Theme;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.spi.ThemeDetector;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * The {@code themes} processor: see {@link TextProcessors#themes(ThemeDetector)}. Adds what the
 * detector finds to the themes the signal holds. Thread-safe when the detector is.
 */
final class ThemeProcessor implements SignalProcessor {
  private final ThemeDetector detector;

  ThemeProcessor(ThemeDetector detector) {
    this.detector = detector;
  }

  @Override
  public String id() {
    return "themes";
  }

  @Override
  public Signal process(Signal signal, ObjIntConsumer<String> counts) {
    Set<Theme> found = detector.detect(signal.title(), signal.text());
    if (signal.themes().containsAll(found)) {
      return signal;
    }
    Set<Theme> all = EnumSet.noneOf(Theme.class);
    all.addAll(signal.themes());
    all.addAll(found);
    return Signal.builder().from(signal).themes(all).build();
  }

  @Override
  public String toString() {
    return "ThemeProcessor[" + detector.id() + "]";
  }
}

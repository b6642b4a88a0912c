package io.github.discoverysdk.session.catalogue;

import java.util.List;

/**
 * A vendor of the catalogue: its canonical name, the other names people use for it ({@code "AWS"}
 * for Amazon Web Services, a product name for its maker), and the categories it sells in.
 * Immutable.
 */
public record Vendor(String name, List<String> aliases, List<String> categories) {
  public Vendor {
    aliases = List.copyOf(aliases);
    categories = List.copyOf(categories);
  }

  /** Whether the vendor sells in {@code category}. */
  public boolean in(String category) {
    return categories.contains(category);
  }
}

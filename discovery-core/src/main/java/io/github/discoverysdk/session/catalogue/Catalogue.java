package io.github.discoverysdk.session.catalogue;

import io.github.discoverysdk.matching.Normalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The discovery catalogue: verticals with their questions, vendor categories, and vendors with
 * their aliases. {@link #defaults()} is the catalogue shipped with the SDK (5 verticals, 21
 * questions, over 600 vendors in 16 categories); a host loads its own with {@link #load}. Either
 * way it is validated once, on load. Immutable and thread-safe.
 *
 * <p>The JSON document has {@code schema} (1), {@code version}, {@code verticals} (each with {@code
 * id}, {@code name} and {@code questions}), {@code categories} ({@code id}, {@code name}) and
 * {@code vendors} ({@code name}, {@code aliases}, {@code categories}); a question has {@code id},
 * {@code text}, {@code type}, and by type {@code categories}, {@code options} ({@code id}, {@code
 * label}) or {@code parameters} ({@code id}, {@code label}, {@code unit}, {@code min}, {@code
 * max}). See {@code catalogue-v1.json} next to this class.
 */
public final class Catalogue {
  private static final String DEFAULT_RESOURCE = "catalogue-v1.json";

  private static volatile Catalogue defaults;

  private final String version;
  private final List<Vertical> verticals;
  private final List<VendorCategory> categories;
  private final List<Vendor> vendors;
  private final Map<String, Question> questions = new LinkedHashMap<>();
  private final Map<String, Vendor> byKey = new LinkedHashMap<>();

  Catalogue(
      String version,
      List<Vertical> verticals,
      List<VendorCategory> categories,
      List<Vendor> vendors) {
    this.version = version;
    this.verticals = List.copyOf(verticals);
    this.categories = List.copyOf(categories);
    this.vendors = List.copyOf(vendors);
    for (Vertical v : verticals) {
      for (Question q : v.questions()) {
        questions.put(q.id(), q);
      }
    }
    for (Vendor v : vendors) {
      byKey.put(key(v.name()), v);
      for (String a : v.aliases()) {
        byKey.put(key(a), v);
      }
    }
  }

  /** The catalogue shipped with the SDK, read once. */
  public static Catalogue defaults() {
    Catalogue c = defaults;
    if (c == null) {
      try (InputStream in = Catalogue.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the SDK's catalogue resource is missing");
        }
        c = load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the SDK's catalogue", e);
      }
      defaults = c;
    }
    return c;
  }

  /**
   * Reads and validates a catalogue from JSON (UTF-8); the stream is not closed.
   *
   * @throws CatalogueException naming the bad entry if the document is not a valid catalogue
   */
  public static Catalogue load(InputStream json) {
    Objects.requireNonNull(json, "json");
    return CatalogueReader.read(json);
  }

  /** The version of the catalogue document, such as {@code "2026.12.1"}. */
  public String version() {
    return version;
  }

  public List<Vertical> verticals() {
    return verticals;
  }

  public List<VendorCategory> categories() {
    return categories;
  }

  /** Every vendor, each once, in the document's order. */
  public List<Vendor> vendors() {
    return vendors;
  }

  /** Every question of every vertical, in order. */
  public List<Question> questions() {
    return List.copyOf(questions.values());
  }

  public Optional<Vertical> vertical(String id) {
    return verticals.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  public Optional<Question> question(String id) {
    return Optional.ofNullable(questions.get(id));
  }

  public Optional<VendorCategory> category(String id) {
    return categories.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * The vendor known by {@code name}, its canonical name or an alias, compared without case,
   * diacritics, spaces or punctuation ({@code "palo alto"} and {@code "Palo-Alto"} find Palo Alto
   * Networks).
   */
  public Optional<Vendor> vendor(String name) {
    return Optional.ofNullable(byKey.get(key(name)));
  }

  /** The vendors that sell in {@code category}, in the document's order. */
  public List<Vendor> vendorsIn(String category) {
    List<Vendor> out = new ArrayList<>();
    for (Vendor v : vendors) {
      if (v.in(category)) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /** The comparison key of a vendor name or alias. */
  static String key(String name) {
    String folded = Normalizer.fold(name);
    StringBuilder b = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char ch = folded.charAt(i);
      if (Character.isLetterOrDigit(ch)) {
        b.append(ch);
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "Catalogue["
        + version
        + ", "
        + questions.size()
        + " questions, "
        + vendors.size()
        + " vendors]";
  }
}

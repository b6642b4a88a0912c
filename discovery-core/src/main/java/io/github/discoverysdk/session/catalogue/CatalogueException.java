package io.github.discoverysdk.session.catalogue;

import io.github.discoverysdk.ValidationException;

/**
 * A catalogue could not be loaded: it is not valid JSON of the catalogue's shape, or an entry is
 * invalid (a duplicate id or vendor name, an unknown category, a radio question without options,
 * sizing bounds that are not ordered). {@link #entry()} names the bad entry, as a path such as
 * {@code verticals[1].questions[2]} or {@code vendors[17] (Okta)}.
 */
public class CatalogueException extends ValidationException {
  private static final long serialVersionUID = 1L;

  private final String entry;

  public CatalogueException(String entry, String message) {
    super("catalogue entry " + entry + ": " + message);
    this.entry = entry;
  }

  public CatalogueException(String entry, String message, Throwable cause) {
    super("catalogue entry " + entry + ": " + message, cause);
    this.entry = entry;
  }

  /** The path of the bad entry in the catalogue document. */
  public String entry() {
    return entry;
  }
}

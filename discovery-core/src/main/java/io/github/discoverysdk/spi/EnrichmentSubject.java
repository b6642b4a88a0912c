package io.github.discoverysdk.spi;

import io.github.discoverysdk.ValidationException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A company or person to enrich: what is known of it, its current attributes, and which of them a
 * user set by hand (an enricher never overwrites those). Immutable and thread-safe.
 */
@Value.Immutable
public interface EnrichmentSubject {
  /** Whether the subject is a company or a person. */
  enum Kind {
    COMPANY,
    PERSON
  }

  /** The caller's id of the subject; results are keyed by it. */
  String id();

  Kind kind();

  /** Company name, or the person's full name. */
  Optional<String> name();

  /** Company web domain, or the person's employer's domain. */
  Optional<String> domain();

  /** A person's e-mail address. */
  Optional<String> email();

  /** A person's employer name. */
  Optional<String> employer();

  /** Current attribute values, by attribute name (for example {@code "title"}). */
  Map<String, String> attributes();

  /** Names of attributes a user set; no enricher may change them. */
  Set<String> userSetFields();

  @Value.Check
  default void check() {
    if (id().isBlank()) {
      throw new ValidationException("enrichmentSubject.id must not be blank");
    }
    if (name().isEmpty() && domain().isEmpty() && email().isEmpty()) {
      throw new ValidationException(
          "enrichmentSubject " + id() + " needs a name, a domain or an e-mail to be looked up");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableEnrichmentSubject.Builder {}
}

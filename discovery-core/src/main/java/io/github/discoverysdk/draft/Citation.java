package io.github.discoverysdk.draft;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.support.Fields;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The evidence a draft cites: the signal (its key and URL) and the fields and terms of the signal
 * that matched. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Citation {
  /** The signal's natural key, as {@code SignalKey.toString()} writes it. */
  String signalKey();

  Optional<URI> url();

  /** The signal's fields that matched. */
  Set<EvidenceField> fields();

  /** The terms that matched, in the order of the matches. */
  List<String> terms();

  @Value.Check
  default void check() {
    Fields.identifier("citation.signalKey", signalKey(), 1_000);
    Fields.maxCount("citation.terms", terms(), 50);
  }

  /** The citation of the evidence of {@code o}: its signal and its matches. */
  static Citation of(Opportunity o) {
    Set<EvidenceField> fields = EnumSet.noneOf(EvidenceField.class);
    Set<String> terms = new LinkedHashSet<>();
    for (Match m : o.matches()) {
      fields.add(m.field());
      if (terms.size() < 50) {
        terms.add(m.term());
      }
    }
    return builder()
        .signalKey(o.signalKey().toString())
        .url(o.url())
        .fields(fields)
        .terms(terms)
        .build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Citation}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableCitation.Builder {
    @Override
    public Citation build() {
      return Fields.build("Citation", super::build);
    }
  }
}

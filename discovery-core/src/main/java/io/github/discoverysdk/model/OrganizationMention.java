package io.github.discoverysdk.model;

import java.util.Optional;
import org.immutables.value.Value;

/** An organisation a signal names, with its role. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface OrganizationMention {
  @Value.Parameter
  String name();

  @Value.Parameter
  OrganizationRole role();

  /** Web domain, lower case, when the source gives it. */
  Optional<String> domain();

  /**
   * Where an entity extractor found the mention in the signal's title or text, with its confidence;
   * empty for a mention the source gave as structured data.
   */
  Optional<MentionSpan> span();

  @Value.Check
  default void check() {
    Checks.notBlank("organization.name", name());
    Checks.maxLength("organization.name", name(), 300);
    Checks.storable("organization.name", name());
    domain()
        .ifPresent(
            d -> {
              Checks.maxLength("organization.domain", d, 253);
              Checks.storable("organization.domain", d);
            });
  }

  static OrganizationMention of(String name, OrganizationRole role) {
    return Checks.build("OrganizationMention", () -> ImmutableOrganizationMention.of(name, role));
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableOrganizationMention.Builder {
    @Override
    public OrganizationMention build() {
      return Checks.build("OrganizationMention", super::build);
    }
  }
}

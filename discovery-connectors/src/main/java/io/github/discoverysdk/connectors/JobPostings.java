package io.github.discoverysdk.connectors;

import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SourceCapabilities;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How every job board maps a posting into a signal, so that all boards look alike. Stateless. */
final class JobPostings {
  /** What every job board offers: JOB_POSTING signals, refreshed one by one. */
  static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder()
          .addSignalTypes(SignalType.JOB_POSTING)
          .supportsRefresh(true)
          .build();

  /** The longest description a posting's signal keeps, in characters. */
  static final int DESCRIPTION_MAX = 20_000;

  private JobPostings() {}

  /** One posting's fields, its description already made plain text by the board's connector. */
  record Posting(
      String sourceId,
      String externalId,
      String title,
      String company,
      Optional<String> location,
      Optional<String> department,
      Optional<String> url,
      String description,
      Instant postedAt,
      Instant observedAt) {}

  /**
   * A JOB_POSTING signal titled "{title} at {company}", the hiring company as HIRING_COMPANY, the
   * location as region, and a text that starts with department and location.
   */
  static Signal signal(Posting p) {
    String header =
        Stream.of(p.department(), p.location())
            .flatMap(Optional::stream)
            .collect(Collectors.joining(" · "));
    String body = p.description();
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(p.sourceId(), p.externalId()))
            .type(SignalType.JOB_POSTING)
            .title(cut(p.title() + " at " + p.company(), 1_000))
            .text(header.isEmpty() ? body : body.isEmpty() ? header : header + "\n" + body)
            .publishedAt(p.postedAt())
            .observedAt(p.observedAt())
            .organizations(
                List.of(
                    OrganizationMention.of(
                        cut(p.company(), 300), OrganizationRole.HIRING_COMPANY)));
    p.location().ifPresent(b::addRegions);
    p.url().flatMap(JobPostings::httpUri).ifPresent(b::url);
    return b.build();
  }

  static Optional<URI> httpUri(String s) {
    try {
      URI u = URI.create(s.strip());
      String scheme = u.getScheme();
      return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          ? Optional.of(u)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Instant instant(String field, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' is not a date-time: " + cut(value, 40));
    }
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.support.Hashing;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.immutables.value.Value;

/**
 * One observation from a source: a conference agenda, a news story, a job posting, a funding round,
 * a filing. Identified by its {@link #key()}; {@link #contentHash()} tells whether two versions of
 * the same signal differ. Immutable and thread-safe.
 *
 * <p><b>Storable by construction.</b> A signal that builds can be stored by every storage of the
 * SDK (in-memory, H2, PostgreSQL, MariaDB) exactly as it is: {@code build()} refuses, with a {@link
 * ValidationException} naming the field, text holding the NUL character (U+0000) or an unpaired
 * UTF-16 surrogate, and any value past its maximum ({@link #MAX_TITLE}, {@link #MAX_TEXT}, {@link
 * #MAX_URL}, {@link #MAX_TAGS} × {@link #MAX_TAG}, {@link #MAX_MENTIONS}, and those of {@link
 * SignalKey}, {@link OrganizationMention}, {@link PersonMention} and {@link EventDetails}). Such
 * values are refused rather than cleaned: a silently altered title or key would differ from the
 * source's record, and a key cleaned two ways would break idempotency. A source that parses its
 * payload turns the refusal into a rejected record (see {@code SourceResult.rejected()}), which the
 * engine counts and logs once while the rest of the page is stored and the watermark moves.
 */
@Value.Immutable
@DiscoveryStyle
public interface Signal {
  /** Longest {@link #title()}, in UTF-16 code units. */
  int MAX_TITLE = 1_000;

  /** Longest {@link #text()}, in UTF-16 code units (the limit of an H2 text column). */
  int MAX_TEXT = 1_000_000;

  /** Longest {@link #url()}, in characters. */
  int MAX_URL = 2_000;

  /** Most {@link #industries()}, and most {@link #regions()}. */
  int MAX_TAGS = 50;

  /** Longest entry of {@link #industries()} or {@link #regions()}. */
  int MAX_TAG = 200;

  /** Most {@link #organizations()}, and most {@link #people()}. */
  int MAX_MENTIONS = 500;

  SignalKey key();

  SignalType type();

  String title();

  /** Body text or summary; may be empty. */
  @Value.Default
  default String text() {
    return "";
  }

  Optional<URI> url();

  /** When the source published the item. */
  Instant publishedAt();

  /** When the SDK (or the source) observed it; not part of the content hash. */
  Instant observedAt();

  /** For events: dates, place and status. */
  Optional<EventDetails> event();

  List<OrganizationMention> organizations();

  List<PersonMention> people();

  /** Industries the source assigns, for example {@code "fintech"}. */
  Set<String> industries();

  /** Regions or countries the signal concerns. */
  Set<String> regions();

  /**
   * The language of the title and text as a language processor detected it: an ISO 639-1 code
   * ({@code "en"}), or ISO 639-3 for a language without one; empty when not detected. Derived from
   * the content, so not part of {@link #contentHash()}.
   */
  Optional<String> language();

  /**
   * What the signal is about, as a theme processor found it; derived from the content, so not part
   * of {@link #contentHash()}.
   */
  Set<Theme> themes();

  /**
   * SHA-256 over everything but {@link #observedAt()}: equal for two fetches of an unchanged item,
   * different as soon as anything a user could see changed.
   */
  @Value.Lazy
  default String contentHash() {
    StringBuilder b = new StringBuilder(256 + text().length());
    b.append(key()).append('\u0001').append(type()).append('\u0001').append(title());
    b.append('\u0001').append(text()).append('\u0001').append(url().map(URI::toString).orElse(""));
    b.append('\u0001').append(publishedAt());
    event()
        .ifPresent(
            e ->
                b.append('\u0001')
                    .append(e.start())
                    .append('|')
                    .append(e.end().map(Instant::toString).orElse(""))
                    .append('|')
                    .append(e.location().orElse(""))
                    .append('|')
                    .append(e.timeZone().map(Object::toString).orElse(""))
                    .append('|')
                    .append(e.status()));
    for (OrganizationMention o : organizations()) {
      b.append('\u0001').append(o.name()).append('|').append(o.role());
      b.append('|').append(o.domain().orElse(""));
    }
    for (PersonMention p : people()) {
      b.append('\u0001').append(p.name()).append('|').append(p.title().orElse(""));
      b.append('|').append(p.employer().orElse(""));
    }
    b.append('\u0001').append(new TreeSet<>(industries()));
    b.append('\u0001').append(new TreeSet<>(regions()));
    return Hashing.sha256Hex(b.toString());
  }

  /** The date that matters for timing: the event start, else the publication. */
  default Instant occursAt() {
    return event().map(EventDetails::start).orElse(publishedAt());
  }

  @Value.Check
  default void check() {
    Checks.notBlank("signal.title", title());
    Checks.maxLength("signal.title", title(), MAX_TITLE);
    Checks.storable("signal.title", title());
    Checks.maxLength("signal.text", text(), MAX_TEXT);
    Checks.storable("signal.text", text());
    Checks.noBlankElements("signal.industries", industries());
    Checks.maxCount("signal.industries", industries(), MAX_TAGS);
    Checks.maxLengthEach("signal.industries", industries(), MAX_TAG);
    Checks.storableEach("signal.industries", industries());
    Checks.noBlankElements("signal.regions", regions());
    Checks.maxCount("signal.regions", regions(), MAX_TAGS);
    Checks.maxLengthEach("signal.regions", regions(), MAX_TAG);
    Checks.storableEach("signal.regions", regions());
    Checks.maxCount("signal.organizations", organizations(), MAX_MENTIONS);
    Checks.maxCount("signal.people", people(), MAX_MENTIONS);
    language().ifPresent(l -> Checks.languageCode("signal.language", l));
    url().ifPresent(u -> Checks.maxLength("signal.url", u.toString(), MAX_URL));
    url()
        .ifPresent(
            u -> {
              String scheme = u.getScheme();
              if (scheme == null
                  || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new ValidationException("signal.url must be http or https, was '" + u + "'");
              }
            });
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Signal}; {@code build()} throws {@code ValidationException} on bad input. */
  final class Builder extends ImmutableSignal.Builder {
    @Override
    public Signal build() {
      return Checks.build("Signal", super::build);
    }
  }
}

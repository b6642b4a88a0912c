package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.immutables.value.Value;

/**
 * A discovery profile: what one user of the host application wants to hear about. Immutable and
 * thread-safe.
 *
 * <p>{@link #id()} defaults to a random id under {@link #tenant()}; pass your own with {@code
 * id(ProfileId.of(tenant, "..."))} when the host already has one. {@link #version()} is 0 for a
 * profile never saved; storage increments it on every save and rejects a save that carries a stale
 * version.
 */
@Value.Immutable
@DiscoveryStyle
public interface Profile {
  /** The tenant (the host's customer account) that owns the profile. */
  String tenant();

  @Value.Default
  default ProfileId id() {
    // Checked here too, so that a bad tenant is reported as the profile's, not its default id's.
    Tenants.check("profile.tenant", tenant());
    return ProfileId.of(tenant(), UUID.randomUUID().toString());
  }

  /** The host user who owns the profile; at most {@link #MAX_OWNER} characters. */
  String owner();

  /** The profile's display name; at most {@link #MAX_NAME} characters. */
  String name();

  /** Industries of interest, for example {@code "fintech"}; each at most 200 characters. */
  Set<String> industries();

  /**
   * Regions or countries of interest, for example {@code "EMEA"} or {@code "Germany"}; each at most
   * 200 characters.
   */
  Set<String> regions();

  /** Titles of the people to reach, for example {@code "VP Sales"}; each at most 200 characters. */
  Set<String> targetTitles();

  /** Named accounts to watch. */
  List<Company> watchlist();

  /**
   * Competitor names, each at most 200 characters; a signal naming one is a displacement or
   * intelligence opportunity.
   */
  Set<String> competitors();

  /**
   * Free keywords or phrases, for example {@code "payments orchestration"}; each at most 200
   * characters.
   */
  Set<String> keywords();

  /**
   * Languages of the signals to consider, as ISO 639-1 codes ({@code "en"}, {@code "de"}); empty
   * means all. A signal in another language is not matched; a signal whose language is unknown (no
   * language processor, or none detected) is.
   */
  Set<String> languages();

  /** Signal types to consider; empty means all. */
  Set<SignalType> signalTypes();

  @Value.Default
  default Frequency frequency() {
    return Frequency.DAILY;
  }

  /**
   * A five-field cron expression ({@code "0 9 * * MON-FRI"}) for {@code runDue}; when present it
   * replaces {@link #frequency()}. See {@link io.github.discoverysdk.schedule.CronExpression}.
   */
  Optional<String> cron();

  /** The zone {@link #cron()} is read in. Default UTC. */
  @Value.Default
  default ZoneId scheduleZone() {
    return ZoneOffset.UTC;
  }

  /** Matches below this confidence (0..1) create no opportunity. Default 0.5. */
  @Value.Default
  default double minConfidence() {
    return 0.5;
  }

  @Value.Default
  default AlertPreferences alerts() {
    return AlertPreferences.defaults();
  }

  /** Disabled profiles are kept but not run or matched. Default true. */
  @Value.Default
  default boolean enabled() {
    return true;
  }

  Optional<Instant> createdAt();

  Optional<Instant> updatedAt();

  /** 0 for a profile never saved; incremented by storage on each save. */
  @Value.Default
  default long version() {
    return 0;
  }

  /** Whether the profile accepts signals of this type. */
  default boolean accepts(SignalType type) {
    return signalTypes().isEmpty() || signalTypes().contains(type);
  }

  /**
   * Whether the profile accepts a signal in {@code language}: any when {@link #languages()} is
   * empty or the language is unknown.
   */
  default boolean acceptsLanguage(Optional<String> language) {
    return languages().isEmpty() || language.isEmpty() || languages().contains(language.get());
  }

  @Value.Check
  default void check() {
    Tenants.check("profile.tenant", tenant());
    if (!id().tenant().equals(tenant())) {
      throw new ValidationException(
          "id belongs to tenant '"
              + id().tenant()
              + "' but the profile to tenant '"
              + tenant()
              + "'");
    }
    Checks.maxLength("id", id().value(), 100);
    Checks.notBlank("owner", owner());
    Checks.maxLength("owner", owner(), MAX_OWNER);
    Checks.notBlank("name", name());
    Checks.maxLength("name", name(), MAX_NAME);
    Checks.noBlankElements("industries", industries());
    Checks.noBlankElements("regions", regions());
    Checks.noBlankElements("targetTitles", targetTitles());
    Checks.noBlankElements("competitors", competitors());
    Checks.noBlankElements("keywords", keywords());
    // The index follows a term word by word, for every word of a text: a term of thousands of
    // words made matching quadratic and overflowed the stack.
    Checks.maxLengthEach("industries", industries(), MAX_TERM);
    Checks.maxLengthEach("regions", regions(), MAX_TERM);
    Checks.maxLengthEach("targetTitles", targetTitles(), MAX_TERM);
    Checks.maxLengthEach("competitors", competitors(), MAX_TERM);
    Checks.maxLengthEach("keywords", keywords(), MAX_TERM);
    languages().forEach(l -> Checks.languageCode("languages", l));
    Checks.unitInterval("minConfidence", minConfidence());
    cron().ifPresent(io.github.discoverysdk.schedule.CronExpression::parse);
    if (version() < 0) {
      throw new ValidationException("version must not be negative, was " + version());
    }
    if (watchlist().isEmpty()
        && competitors().isEmpty()
        && keywords().isEmpty()
        && targetTitles().isEmpty()) {
      throw new ValidationException(
          "watchlist, competitors, keywords and targetTitles are all empty: a profile needs at"
              + " least one of them to match anything");
    }
  }

  /**
   * Most characters of one industry, region, target title, competitor or keyword, as of a watchlist
   * company's name or alias.
   */
  int MAX_TERM = 200;

  /** Most characters of {@link #owner()}, a host user id. */
  int MAX_OWNER = 200;

  /** Most characters of {@link #name()}. */
  int MAX_NAME = 200;

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Profile}; {@code build()} throws {@code ValidationException} on bad input. */
  final class Builder extends ImmutableProfile.Builder {
    @Override
    public Profile build() {
      return Checks.build("Profile", super::build);
    }
  }
}

package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The speakers of one event from its public Sessionize API ({@code
 * sessionize.com/api/v2/{endpointId}/view/Speakers}, no key; the organiser publishes the endpoint
 * id). The event becomes one EVENT signal that names every speaker as a {@link PersonMention}, with
 * title and employer parsed from the tagline ("VP Sales at Stripe", "CTO, Acme"), and every
 * speaker's employer as a SPEAKER_EMPLOYER organisation.
 *
 * <p>The speaker list says nothing about the event itself, so its name, place and time zone are
 * configured. Its dates are configured too, or, when they are not, read from the schedule ({@code
 * view/Sessions}): the first session's {@code startsAt} to the last one's {@code endsAt}, local
 * times of the event's time zone. A schedule without times yet (sessions accepted but not placed)
 * rejects the event with a reason rather than guessing. The cursor is a fingerprint of the mapped
 * event: an unchanged speaker list returns nothing; a new speaker, a new tagline or a new talk
 * returns the event again. A speaker without a name is rejected alone. The speaker list comes whole
 * in one response and makes one signal, so a fetch never has more than one page and never says
 * {@code more()}. Thread-safe.
 */
public final class SessionizeSpeakers extends HttpSignalSource {
  /** The family of default ids: {@code sessionize.{endpointId}}. */
  public static final String ID_PREFIX = "sessionize";

  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder().addSignalTypes(SignalType.EVENT).build();

  private final String endpointId;
  private final String eventName;
  private final LocalDate startDay;
  private final LocalDate endDay;
  private final Optional<ZoneId> zone;
  private final Optional<String> location;
  private final Optional<URI> eventUrl;
  private final URI baseUrl;

  private SessionizeSpeakers(Builder b) {
    super(b.id != null ? b.id : ID_PREFIX + "." + b.endpointId, b.http);
    this.endpointId = b.endpointId;
    this.eventName = b.eventName;
    this.startDay = b.startDay;
    this.endDay = b.endDay != null ? b.endDay : b.startDay; // both null: read from the schedule
    this.zone = Optional.ofNullable(b.zone);
    this.location = Optional.ofNullable(b.location);
    this.eventUrl = Optional.ofNullable(b.eventUrl);
    this.baseUrl = b.baseUrl;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    URI url =
        URI.create(
            baseUrl.toString().replaceAll("/+$", "") + "/api/v2/" + endpointId + "/view/Speakers");
    HttpResult r =
        http.execute(
            HttpCall.get(id, url)
                .header("Accept", "application/json")
                .cacheTtl(Duration.ofMinutes(30))
                .build(),
            context);
    String what = "speakers of " + endpointId;
    JsonNode speakers = Json.array(id, Json.parse(id, r, what), what);
    Page page = new Page();
    page.cacheHit = r.fromCache();
    // Sorted by name so that the same speakers in another order make the same signal.
    Map<String, Speaker> byName = new TreeMap<>();
    int i = 0;
    for (JsonNode s : speakers) {
      String recordId = Json.text(s, "id").orElse("#" + i);
      i++;
      try {
        Speaker speaker = speaker(s);
        byName.put(
            speaker.person().name().toLowerCase(java.util.Locale.ROOT) + "\u0000" + recordId,
            speaker);
      } catch (RuntimeException e) {
        page.rejected.add(RejectedRecord.of(recordId, String.valueOf(e.getMessage())));
      }
    }
    Instant now = context.clock().instant();
    Optional<Span> span =
        startDay != null
            ? Optional.of(new Span(day(startDay), day(endDay.plusDays(1))))
            : schedule(context, page);
    if (span.isEmpty()) {
      page.rejected.add(
          RejectedRecord.of(
              endpointId,
              "the schedule has no session times yet and no dates are configured: nothing to date"
                  + " the event by"));
    } else {
      page.add(endpointId, () -> event(List.copyOf(byName.values()), span.get(), now));
    }
    page.snapshot =
        fingerprint(
            page.records.isEmpty() ? "none" : page.records.get(0).signal().contentHash(),
            String.valueOf(page.rejected.size()));
    return page;
  }

  /** When the event runs. */
  private record Span(Instant start, Instant end) {}

  private Instant day(LocalDate d) {
    return d.atStartOfDay(zone.orElse(ZoneOffset.UTC)).toInstant();
  }

  /**
   * The event's span from its schedule ({@code view/Sessions}: groups of sessions with offset-less
   * {@code startsAt}/{@code endsAt}), or empty when no session has a time yet.
   */
  private Optional<Span> schedule(SourceContext context, Page page) throws Exception {
    URI url =
        URI.create(
            baseUrl.toString().replaceAll("/+$", "") + "/api/v2/" + endpointId + "/view/Sessions");
    HttpResult r =
        http.execute(
            HttpCall.get(id, url)
                .header("Accept", "application/json")
                .cacheTtl(Duration.ofMinutes(30))
                .build(),
            context);
    String what = "schedule of " + endpointId;
    ZoneId z = zone.orElse(ZoneOffset.UTC);
    Instant first = null;
    Instant last = null;
    for (JsonNode group : Json.array(id, Json.parse(id, r, what), what)) {
      JsonNode sessions = group.get("sessions");
      if (sessions == null || !sessions.isArray()) {
        continue;
      }
      for (JsonNode session : sessions) {
        Optional<Instant> starts = localTime(session, "startsAt", z, page);
        Optional<Instant> ends = localTime(session, "endsAt", z, page).or(() -> starts);
        if (starts.isPresent()) {
          first = first == null || starts.get().isBefore(first) ? starts.get() : first;
          last = last == null || ends.get().isAfter(last) ? ends.get() : last;
        }
      }
    }
    page.cacheHit = page.cacheHit && r.fromCache();
    return first == null ? Optional.empty() : Optional.of(new Span(first, last));
  }

  /** An offset-less local time of the event's zone; a malformed one is rejected alone. */
  private static Optional<Instant> localTime(JsonNode session, String field, ZoneId z, Page page) {
    Optional<String> value = Json.text(session, field).filter(v -> !v.isBlank());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.time.LocalDateTime.parse(value.get()).atZone(z).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      page.rejected.add(
          RejectedRecord.of(
              "session " + Json.text(session, "id").orElse("?"),
              "field '"
                  + field
                  + "' is not a local date-time: "
                  + JobPostings.cut(value.get(), 40)));
      return Optional.empty();
    }
  }

  /** A speaker, their talks, and what the tagline says. */
  private record Speaker(PersonMention person, List<String> talks) {}

  private static Speaker speaker(JsonNode s) {
    String name =
        Json.text(s, "fullName")
            .or(
                () -> {
                  String joined =
                      (Json.text(s, "firstName").orElse("")
                              + " "
                              + Json.text(s, "lastName").orElse(""))
                          .strip();
                  return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
                })
            .map(n -> Text.html(n, 300))
            .filter(n -> !n.isEmpty())
            .orElseThrow(() -> new IllegalArgumentException("field 'fullName' is missing"));
    Taglines.Role role = Taglines.parse(Json.text(s, "tagLine").orElse(null));
    PersonMention.Builder p = PersonMention.builder().name(name);
    role.title().ifPresent(p::title);
    role.employer().ifPresent(p::employer);
    List<String> talks = new ArrayList<>();
    JsonNode sessions = s.get("sessions");
    if (sessions != null && sessions.isArray()) {
      sessions.forEach(
          x ->
              Json.text(x, "name")
                  .map(t -> Text.html(t, 300))
                  .filter(t -> !t.isEmpty())
                  .ifPresent(talks::add));
    }
    return new Speaker(p.build(), talks);
  }

  private Mapped event(List<Speaker> speakers, Span span, Instant now) {
    Instant start = span.start();
    Instant end = span.end();
    EventDetails.Builder details = EventDetails.builder().start(start).end(end);
    location.ifPresent(details::location);
    zone.ifPresent(details::timeZone);
    Map<String, String> employers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    StringBuilder text = new StringBuilder();
    text.append(speakers.size()).append(speakers.size() == 1 ? " speaker" : " speakers");
    for (Speaker s : speakers) {
      PersonMention p = s.person();
      p.employer().ifPresent(e -> employers.putIfAbsent(e, e));
      text.append('\n').append(p.name());
      String role =
          p.title()
              .map(t -> t + p.employer().map(e -> " at " + e).orElse(""))
              .orElse(p.employer().orElse(""));
      if (!role.isEmpty()) {
        text.append(" — ").append(role);
      }
      if (!s.talks().isEmpty()) {
        text.append(": “").append(String.join("”, “", s.talks())).append('”');
      }
    }
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(id, endpointId))
            .type(SignalType.EVENT)
            .title(eventName)
            .text(JobPostings.cut(text.toString(), 100_000))
            .publishedAt(start)
            .observedAt(now)
            .event(details.build())
            .people(speakers.stream().map(Speaker::person).toList())
            .organizations(
                employers.values().stream()
                    .map(e -> OrganizationMention.of(e, OrganizationRole.SPEAKER_EMPLOYER))
                    .toList());
    eventUrl.ifPresent(b::url);
    return new Mapped(b.build(), start);
  }

  @Override
  public String toString() {
    return "SessionizeSpeakers[" + endpointId + ", " + eventName + "]";
  }

  /**
   * Builds a {@link SessionizeSpeakers}; the source id defaults to {@code sessionize.{endpointId}}.
   * Not thread-safe.
   */
  public static final class Builder extends HttpSignalSource.IdBuilder<Builder> {
    private String endpointId;
    private String eventName;
    private LocalDate startDay;
    private LocalDate endDay;
    private ZoneId zone;
    private String location;
    private URI eventUrl;

    private Builder() {
      super(URI.create("https://sessionize.com"));
    }

    @Override
    Builder self() {
      return this;
    }

    /** The event's public API endpoint id, as in {@code sessionize.com/api/v2/{id}/view/…}. */
    public Builder endpointId(String endpointId) {
      Objects.requireNonNull(endpointId, "endpointId");
      if (!endpointId.matches("[A-Za-z0-9]{1,64}")) {
        throw new ValidationException(
            "endpointId must be a Sessionize endpoint id, was '" + endpointId + "'");
      }
      this.endpointId = endpointId;
      return this;
    }

    /** The event's name, the signal's title. */
    public Builder eventName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 1_000) {
        throw new ValidationException("eventName must be 1 to 1000 characters, was '" + name + "'");
      }
      this.eventName = name.strip();
      return this;
    }

    /**
     * The event's first and last day (inclusive), in its time zone. Optional: without them the
     * dates are read from the event's schedule.
     */
    public Builder dates(LocalDate first, LocalDate last) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(last, "last");
      if (last.isBefore(first)) {
        throw new ValidationException("last day must not be before first, was " + last);
      }
      this.startDay = first;
      this.endDay = last;
      return this;
    }

    /** The event's time zone; default UTC. */
    public Builder timeZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Venue or city. */
    public Builder location(String location) {
      Objects.requireNonNull(location, "location");
      this.location = location.isBlank() ? null : location.strip();
      return this;
    }

    public Builder eventUrl(URI url) {
      Objects.requireNonNull(url, "url");
      this.eventUrl =
          JobPostings.httpUri(url.toString())
              .orElseThrow(
                  () -> new ValidationException("eventUrl must be http or https, was " + url));
      return this;
    }

    public SessionizeSpeakers build() {
      if (endpointId == null) {
        throw new ValidationException("endpointId is required");
      }
      if (eventName == null) {
        throw new ValidationException("eventName is required");
      }
      requireHttp();
      return new SessionizeSpeakers(this);
    }
  }
}

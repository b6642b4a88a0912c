package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Conference lists in the confs.tech JSON shape ({@code
 * raw.githubusercontent.com/tech-conferences/conference-data/main/conferences/{year}/{topic}.json},
 * public, no key): each conference becomes an EVENT signal with its dates, city and country. A
 * conference listed under several topics comes once.
 *
 * <p>The lists carry no ids and no change times, so a conference is keyed by its URL (by URL and
 * start date when one list has several conferences at one URL), and the cursor is a fingerprint of
 * the mapped lists: an unchanged list returns nothing, a changed one returns every conference again
 * (the engine keeps only what changed). The lists come whole (no remote paging) and are returned by
 * start date, then key, at most the request's limit at a time with {@code more()} while conferences
 * are left; the cursor {@code s1|<fingerprint>|<returned>} continues exactly after the last one,
 * and a list that changes between two pages is returned again from its start, so 700 conferences
 * with a limit of 500 come in two pages of one run and none is left behind. Dates are days without
 * time zone: an event starts at the start of its first day and ends at the end of its last day,
 * both read in UTC, and its publication date is its start, which keeps an unchanged conference's
 * content hash stable. Thread-safe.
 */
public final class ConfsTechEvents extends HttpSignalSource {
  /** The family of default ids: {@code confs-tech.{year}}. */
  public static final String ID_PREFIX = "confs-tech";

  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder().addSignalTypes(SignalType.EVENT).build();

  private final int year;
  private final List<String> topics;
  private final URI baseUrl;

  private ConfsTechEvents(Builder b) {
    super(b.id != null ? b.id : ID_PREFIX + "." + b.year, b.http);
    this.year = b.year;
    this.topics = List.copyOf(b.topics);
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
    Page page = new Page();
    page.cacheHit = true;
    Instant now = context.clock().instant();
    Set<String> seen = new LinkedHashSet<>();
    for (String topic : topics) {
      URI url =
          URI.create(
              baseUrl.toString().replaceAll("/+$", "")
                  + "/tech-conferences/conference-data/main/conferences/"
                  + year
                  + "/"
                  + topic
                  + ".json");
      HttpResult r =
          http.execute(
              HttpCall.get(id, url)
                  .header("Accept", "application/json")
                  .cacheTtl(Duration.ofHours(1))
                  .build(),
              context);
      page.cacheHit &= r.fromCache();
      String what = "conferences " + year + "/" + topic;
      JsonNode list = Json.array(id, Json.parse(id, r, what), what);
      Map<String, Integer> perUrl = new HashMap<>();
      list.forEach(c -> Json.text(c, "url").ifPresent(u -> perUrl.merge(u, 1, Integer::sum)));
      int i = 0;
      for (JsonNode conference : list) {
        String recordId = topic + "/" + Json.text(conference, "url").orElse("#" + i);
        i++;
        page.add(
            recordId,
            () -> {
              Mapped m = map(conference, topic, perUrl, now);
              return seen.add(m.signal().key().externalId()) ? m : null;
            });
      }
    }
    page.records.sort(
        Comparator.comparing((Mapped m) -> m.signal().occursAt())
            .thenComparing(m -> m.signal().key().externalId()));
    page.snapshot =
        fingerprint(
            Stream.concat(
                    page.records.stream().map(m -> m.signal().contentHash()),
                    page.rejected.stream().map(x -> "rejected " + x.recordId()))
                .toArray(String[]::new));
    return page;
  }

  private Mapped map(JsonNode c, String topic, Map<String, Integer> perUrl, Instant now) {
    String name = Text.html(Json.required(c, "name"), 1_000);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("field 'name' is missing");
    }
    String link = Json.required(c, "url");
    LocalDate startDay = day(c, "startDate", Json.required(c, "startDate"));
    LocalDate endDay = Json.text(c, "endDate").map(v -> day(c, "endDate", v)).orElse(startDay);
    if (endDay.isBefore(startDay)) {
      throw new IllegalArgumentException(
          "field 'endDate' " + endDay + " is before 'startDate' " + startDay);
    }
    Instant start = startDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = endDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Optional<String> city = Json.text(c, "city").map(s -> Text.html(s, 200));
    Optional<String> country = Json.text(c, "country").map(s -> Text.html(s, 200));
    boolean online = c.path("online").asBoolean(false);
    String place =
        Stream.of(city, country).flatMap(Optional::stream).collect(Collectors.joining(", "));
    EventDetails.Builder details = EventDetails.builder().start(start).end(end);
    if (!place.isEmpty()) {
      details.location(place);
    } else if (online) {
      details.location("Online");
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        (place.isEmpty() ? (online ? "Online" : "Place not given") : place)
            + (online && !place.isEmpty() ? " · also online" : "")
            + " · "
            + (startDay.equals(endDay) ? startDay.toString() : startDay + " to " + endDay)
            + " · topic "
            + topic);
    Json.text(c, "locales").ifPresent(l -> lines.add("Languages: " + Text.html(l, 100)));
    Json.text(c, "cfpEndDate")
        .ifPresent(
            d ->
                lines.add(
                    "Call for papers until "
                        + Text.html(d, 40)
                        + Json.text(c, "cfpUrl")
                            .flatMap(JobPostings::httpUri)
                            .map(u -> " (" + u + ")")
                            .orElse("")));
    String key = perUrl.getOrDefault(link, 1) > 1 ? link + "#" + startDay : link;
    if (key.length() > 512) {
      key = fingerprint(key);
    }
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(id, key))
            .type(SignalType.EVENT)
            .title(name)
            .text(String.join("\n", lines))
            .publishedAt(start)
            .observedAt(now)
            .event(details.build());
    country.ifPresent(b::addRegions);
    JobPostings.httpUri(link).ifPresent(b::url);
    return new Mapped(b.build(), start);
  }

  private static LocalDate day(JsonNode c, String field, String value) {
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' is not a date like 2026-06-02: " + JobPostings.cut(value, 40));
    }
  }

  @Override
  public String toString() {
    return "ConfsTechEvents[" + year + " " + topics + "]";
  }

  /**
   * Builds a {@link ConfsTechEvents}; the source id defaults to {@code confs-tech.{year}}. Not
   * thread-safe.
   */
  public static final class Builder extends HttpSignalSource.IdBuilder<Builder> {
    private int year;
    private final Set<String> topics = new LinkedHashSet<>();

    private Builder() {
      super(URI.create("https://raw.githubusercontent.com"));
    }

    @Override
    Builder self() {
      return this;
    }

    public Builder year(int year) {
      if (year < 2014 || year > 2100) {
        throw new ValidationException("year must be between 2014 and 2100, was " + year);
      }
      this.year = year;
      return this;
    }

    /** Topics as named in the data set: lower case letters, digits and dashes. */
    public Builder addTopics(String... topics) {
      for (String t : topics) {
        Objects.requireNonNull(t, "topic");
        if (!t.matches("[a-z0-9-]{1,50}")) {
          throw new ValidationException(
              "topic must be like 'java' or 'tech-comm', was '" + t + "'");
        }
        this.topics.add(t);
      }
      return this;
    }

    public ConfsTechEvents build() {
      if (year == 0) {
        throw new ValidationException("year is required");
      }
      if (topics.isEmpty()) {
        throw new ValidationException("at least one topic is required");
      }
      requireHttp();
      return new ConfsTechEvents(this);
    }
  }
}

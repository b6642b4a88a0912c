package io.github.discoverysdk.connectors;

import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * An iCalendar feed (RFC 5545: Meetup, Luma, Google Calendar, WordPress event calendars): each
 * VEVENT becomes an EVENT signal keyed by its UID (plus RECURRENCE-ID for a changed occurrence),
 * with start, end, location and time zone. Changes are tracked by LAST-MODIFIED (else DTSTAMP): a
 * rescheduled event (new SEQUENCE) comes again with its new details, and STATUS:CANCELLED turns
 * into {@link EventStatus#CANCELLED}, which the engine sees as a lifecycle change.
 *
 * <p>Paging: a calendar comes whole in one response. {@link HttpSignalSource#fetch} returns the
 * listing oldest change first, at most the request's limit at a time, saying {@code more()} while
 * records are left; the cursor is the keyset (LAST-MODIFIED else DTSTAMP, id) of the last record
 * returned, so ties on one time cross a page boundary without a record lost or repeated, and the
 * next fetch continues exactly after it. Thread-safe.
 */
public final class ICalendarEvents extends HttpSignalSource {
  /**
   * The id family of calendar feeds, {@code ical.{name}}, which the default scoring policy weighs
   * as the organiser's own word.
   */
  public static final String ID_PREFIX = "ical";

  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder().addSignalTypes(SignalType.EVENT).build();

  private final URI url;

  private ICalendarEvents(Builder b) {
    super(b.id, b.http);
    this.url = b.url;
  }

  /**
   * A builder. Name the source {@code ical.{name}} ({@link #ID_PREFIX}) for the default scoring
   * policy to know its reliability; another id gets the policy's default unless the host maps it.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    HttpResult r =
        http.execute(
            HttpCall.get(id, url)
                .header("Accept", "text/calendar")
                .cacheTtl(Duration.ofMinutes(15))
                .secretPath()
                .build(),
            context);
    String what = "calendar " + HttpCall.get(id, url).secretPath().build().redactedUrl();
    if (r.body().length == 0) {
      throw ConnectorException.parseError(id, what, "empty body", null);
    }
    // Counted before ical4j builds every event, its slowest and most memory-hungry step: 100,000
    // compact events fit under the byte cap and used to cost seconds and hundreds of megabytes.
    long events = count(r.body(), "BEGIN:VEVENT", true);
    if (events > MAX_RECORDS) {
      throw tooManyRecords(id, what, events);
    }
    Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(new ByteArrayInputStream(r.body()));
    } catch (Exception e) {
      throw ConnectorException.parseError(
          id, what, "malformed iCalendar: " + e.getClass().getSimpleName(), e);
    }
    Page page = new Page();
    page.cacheHit = r.fromCache();
    Instant now = context.clock().instant();
    int i = 0;
    for (Object c : calendar.getComponents(Component.VEVENT)) {
      VEvent event = (VEvent) c;
      String recordId = value(event, Property.UID).orElse("#" + i);
      i++;
      page.add(recordId, () -> map(event, now));
    }
    return page;
  }

  private Mapped map(VEvent e, Instant now) {
    String uid =
        value(e, Property.UID).orElseThrow(() -> new IllegalArgumentException("UID is missing"));
    String key = value(e, Property.RECURRENCE_ID).map(r -> uid + "#" + r).orElse(uid);
    if (key.length() > 512) {
      key = fingerprint(key);
    }
    String title = Text.html(value(e, Property.SUMMARY).orElse(""), 1_000);
    if (title.isEmpty()) {
      throw new IllegalArgumentException("SUMMARY is missing");
    }
    Optional<DateProperty<Temporal>> startProp = e.getProperty(Property.DTSTART);
    DateProperty<Temporal> dtStart =
        startProp.orElseThrow(() -> new IllegalArgumentException("DTSTART is missing"));
    Instant start = date(dtStart, Property.DTSTART);
    Optional<Instant> end =
        e.<DateProperty<Temporal>>getProperty(Property.DTEND).map(p -> date(p, Property.DTEND));
    Optional<ZoneId> zone =
        dtStart
            .<net.fortuna.ical4j.model.Parameter>getParameter(
                net.fortuna.ical4j.model.Parameter.TZID)
            .flatMap(p -> zoneId(p.getValue()))
            .or(() -> zone(dtStart.getDate()));
    Instant changed =
        dateValue(e, Property.LAST_MODIFIED).or(() -> dateValue(e, Property.DTSTAMP)).orElse(start);
    Instant published = dateValue(e, Property.CREATED).orElse(changed);
    EventStatus status =
        value(e, Property.STATUS)
            .map(
                s ->
                    s.toUpperCase(Locale.ROOT).equals("CANCELLED")
                        ? EventStatus.CANCELLED
                        : EventStatus.SCHEDULED)
            .orElse(EventStatus.SCHEDULED);
    EventDetails.Builder details = EventDetails.builder().start(start).status(status);
    end.filter(x -> !x.isBefore(start)).ifPresent(details::end);
    value(e, Property.LOCATION)
        .map(l -> Text.html(l, 500))
        .filter(l -> !l.isEmpty())
        .ifPresent(details::location);
    zone.ifPresent(details::timeZone);
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(id, key))
            .type(SignalType.EVENT)
            .title(title)
            .text(Text.html(value(e, Property.DESCRIPTION).orElse(""), 50_000))
            .publishedAt(published)
            .observedAt(now)
            .event(details.build());
    value(e, Property.URL).flatMap(JobPostings::httpUri).ifPresent(b::url);
    return new Mapped(b.build(), changed);
  }

  private static Optional<String> value(VEvent e, String name) {
    return e.getProperty(name).map(p -> p.getValue()).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static Optional<Instant> dateValue(VEvent e, String name) {
    Optional<Property> p = e.getProperty(name);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    if (p.get() instanceof DateProperty<?> d) {
      return Optional.of(date(d, name));
    }
    return Optional.empty();
  }

  /**
   * The instant of a date property, or an exception naming it: ical4j parses the value only when it
   * is read, and its parse error names neither the property nor the event.
   */
  private static Instant date(DateProperty<?> p, String name) {
    try {
      return instant(p.getDate());
    } catch (RuntimeException x) {
      throw new IllegalArgumentException(name + " is not a date-time");
    }
  }

  static Instant instant(Temporal t) {
    if (t instanceof Instant i) {
      return i;
    }
    if (t instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (t instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (t instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC); // floating time: read as UTC
    }
    if (t instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    throw new IllegalArgumentException("unsupported date value " + t);
  }

  private static Optional<ZoneId> zoneId(String tzid) {
    try {
      return Optional.of(ZoneId.of(tzid.strip()));
    } catch (RuntimeException e) {
      return Optional.empty(); // a custom VTIMEZONE name: the instant is still right
    }
  }

  private static Optional<ZoneId> zone(Temporal t) {
    if (t instanceof ZonedDateTime z
        && !(z.getZone() instanceof ZoneOffset)
        && !z.getZone().getId().startsWith("ical4j")) {
      return Optional.of(z.getZone());
    }
    return Optional.empty();
  }

  /**
   * Builds an {@link ICalendarEvents}: id, the calendar's URL (user-supplied: the SSRF guard
   * applies) and toolkit are required. Not thread-safe.
   */
  public static final class Builder extends FeedUrlBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    public ICalendarEvents build() {
      requireIdUrlAndHttp();
      MissingDependencyException.requireIcal4j("ICalendarEvents");
      return new ICalendarEvents(this);
    }
  }
}

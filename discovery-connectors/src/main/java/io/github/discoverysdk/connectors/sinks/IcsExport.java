package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.connectors.MissingDependencyException;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.support.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import net.fortuna.ical4j.model.Calendar;

/**
 * Exports opportunities as an RFC 5545 calendar ({@code .ics}) a seller can subscribe to or import:
 * one all-day VEVENT on each opportunity's outreach date, with the headline as summary, the
 * recommended action and the strongest reasons as description, the signal's URL, and a UID derived
 * from the opportunity's id, so that a re-export updates the same calendar entries instead of
 * adding new ones. When the signal is an event (it has an event start), the VEVENT carries a VALARM
 * that fires {@link Builder#eventReminder} before the event starts. DTSTAMP comes from the injected
 * clock. Opportunities without an outreach date are skipped.
 *
 * <pre>{@code
 * IcsExport.builder().clock(clock).build()
 *     .write(strongOpportunities, Path.of("outreach.ics"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class IcsExport {
  private final Clock clock;
  private final Duration eventReminder;
  private final String uidDomain;

  private IcsExport(Builder b) {
    this.clock = b.clock;
    this.eventReminder = b.eventReminder;
    this.uidDomain = b.uidDomain;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The calendar of {@code opportunities}, ordered by outreach date then id. */
  public Calendar calendar(Collection<Opportunity> opportunities) {
    Objects.requireNonNull(opportunities, "opportunities");
    return IcsCalendar.calendar(this, opportunities, clock.instant());
  }

  /** Writes the calendar of {@code opportunities} as UTF-8 iCalendar text to {@code out}. */
  public void write(Collection<Opportunity> opportunities, OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    IcsCalendar.write(calendar(opportunities), out);
  }

  /**
   * Writes the calendar to {@code file}, replacing it atomically where the file system allows, so
   * that a calendar client polling the file never reads half of it.
   */
  public void write(Collection<Opportunity> opportunities, Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        write(opportunities, out);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The UID of an opportunity's event: stable across exports. */
  public String uid(Opportunity o) {
    return Hashing.sha256Hex("ics|" + SinkSupport.externalId(o)).substring(0, 32) + "@" + uidDomain;
  }

  Duration eventReminder() {
    return eventReminder;
  }

  static String description(Opportunity o) {
    StringBuilder b = new StringBuilder(o.temporal().recommendedAction());
    b.append("\n\nWhy now:");
    o.score().reasons().stream()
        .filter(r -> !r.isBlank())
        .limit(5)
        .forEach(r -> b.append("\n- ").append(r));
    b.append("\n\nScore ")
        .append(SinkSupport.score(o))
        .append(" (")
        .append(SinkSupport.lower(o.strength()))
        .append("), urgency ")
        .append(SinkSupport.lower(o.temporal().urgency()));
    for (String c : o.changes()) {
      b.append("\nChanged: ").append(c);
    }
    o.url().ifPresent(u -> b.append("\n").append(u));
    return SinkSupport.truncate(b.toString(), 8_000);
  }

  static boolean isWebUrl(URI u) {
    String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    return s.equals("http") || s.equals("https");
  }

  /** Builds an {@link IcsExport}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration eventReminder = Duration.ofDays(1);
    private String uidDomain = "discovery-sdk";

    private Builder() {}

    /** The clock of DTSTAMP. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long before an event's start its reminder fires; default one day. */
    public Builder eventReminder(Duration before) {
      Objects.requireNonNull(before, "before");
      if (before.isNegative()) {
        throw new io.github.discoverysdk.ValidationException(
            "eventReminder must not be negative, was " + before);
      }
      this.eventReminder = before;
      return this;
    }

    /** The right-hand side of every UID, for example the host's domain. */
    public Builder uidDomain(String domain) {
      Objects.requireNonNull(domain, "domain");
      if (!domain.matches("[A-Za-z0-9.-]{1,100}")) {
        throw new io.github.discoverysdk.ValidationException(
            "uidDomain must be a host name, was '" + domain + "'");
      }
      this.uidDomain = domain;
      return this;
    }

    public IcsExport build() {
      MissingDependencyException.require(
          "net.fortuna.ical4j.data.CalendarOutputter", "IcsExport", "org.mnode.ical4j:ical4j");
      return new IcsExport(this);
    }
  }
}

package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.model.Opportunity;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * The ical4j side of {@link IcsExport}, in a class of its own: the verifier loads the types a class
 * assigns and catches, and IcsExport must load without ical4j (an optional dependency) so that its
 * builder can say what is missing.
 */
final class IcsCalendar {
  private static final String PRODID = "-//Discovery SDK//Outreach calendar//EN";

  private IcsCalendar() {}

  static Calendar calendar(IcsExport export, Collection<Opportunity> opportunities, Instant now) {
    Calendar calendar =
        new Calendar()
            .withProdId(PRODID)
            .withProperty(ImmutableVersion.VERSION_2_0)
            .withProperty(ImmutableCalScale.GREGORIAN)
            .withProperty(ImmutableMethod.PUBLISH)
            .getFluentTarget();
    List<Opportunity> sorted =
        opportunities.stream()
            .filter(o -> o.temporal().outreachDate().isPresent())
            .sorted(
                Comparator.comparing((Opportunity o) -> o.temporal().outreachDate().get())
                    .thenComparing(o -> o.id().toString()))
            .toList();
    for (Opportunity o : sorted) {
      calendar.add(event(export, o, now));
    }
    return calendar;
  }

  static void write(Calendar calendar, OutputStream out) throws IOException {
    try {
      new CalendarOutputter(true).output(calendar, out);
    } catch (ValidationException e) {
      throw new IllegalStateException("the exported calendar is invalid: " + e.getMessage(), e);
    }
  }

  private static VEvent event(IcsExport export, Opportunity o, Instant now) {
    LocalDate day = o.temporal().outreachDate().orElseThrow();
    VEvent e = new VEvent(false);
    e.add(new DtStamp(now));
    e.add(new Uid(export.uid(o)));
    e.add(new DtStart<>(day));
    e.add(new DtEnd<>(day.plusDays(1)));
    e.add(new Summary(SinkSupport.truncate("Reach out: " + SinkSupport.headline(o), 250)));
    e.add(new Description(IcsExport.description(o)));
    e.add(new Categories("Discovery," + o.signalType().name().toLowerCase(Locale.ROOT)));
    o.url().filter(IcsExport::isWebUrl).ifPresent(u -> e.add(new Url(u)));
    if (o.temporal().daysUntilEvent().isPresent()) {
      Instant start = o.occursAt();
      VAlarm alarm = new VAlarm(start.minus(export.eventReminder()));
      alarm.add(ImmutableAction.DISPLAY);
      alarm.add(
          new Description(SinkSupport.truncate("Starts soon: " + SinkSupport.headline(o), 250)));
      e.add(alarm);
    }
    return e;
  }
}

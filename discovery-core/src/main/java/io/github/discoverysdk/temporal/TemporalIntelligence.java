package io.github.discoverysdk.temporal;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Works out when to act on a signal: days until its event, urgency, the optimal outreach date, the
 * action window and a recommended action. Stateless and thread-safe.
 *
 * <p><b>Signals with an event</b> (conference, webinar, deadline). Dates are taken in the event's
 * time zone when it is known, else in {@link TemporalPolicy#defaultZone()}, so that "days until"
 * and outreach dates are calendar days where the event happens, unaffected by daylight saving.
 *
 * <ul>
 *   <li>Urgency from the time left until the start: CRITICAL within {@link
 *       TemporalPolicy#criticalWithin()}, HIGH within {@link TemporalPolicy#highWithin()}, MEDIUM
 *       within {@link TemporalPolicy#mediumWithin()}, else LOW (each bound inclusive).
 *   <li>Outreach date: the start date minus {@link TemporalPolicy#outreachLeadTime()}, moved back
 *       to the Friday before when it falls on a weekend (if {@link
 *       TemporalPolicy#businessDaysOnly()}); never before today: a date already past becomes today,
 *       or the next business day when today is a weekend (unless that is the event's day).
 *   <li>Window: OPEN until the ideal outreach date, CLOSING_SOON after it, CLOSED from {@link
 *       TemporalPolicy#closesBeforeEvent()} before the start. A cancelled or started event is
 *       CLOSED and has no outreach date.
 * </ul>
 *
 * <p><b>Signals without an event</b> (news, funding, hiring). Urgency decays with the age since
 * publication: HIGH within {@link TemporalPolicy#undatedHighWithin()}, MEDIUM within {@link
 * TemporalPolicy#undatedMediumWithin()}, else LOW. The window is OPEN while MEDIUM or better,
 * CLOSING_SOON until {@link TemporalPolicy#undatedClosesAfter()}, CLOSED after; the outreach date
 * is today (the next business day on a weekend) while the window is not closed.
 */
public final class TemporalIntelligence {
  private final TemporalPolicy policy;

  private TemporalIntelligence(TemporalPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public static TemporalIntelligence of(TemporalPolicy policy) {
    return new TemporalIntelligence(policy);
  }

  public static TemporalIntelligence defaults() {
    return new TemporalIntelligence(TemporalPolicy.defaults());
  }

  public TemporalPolicy policy() {
    return policy;
  }

  /** Assesses a signal as of {@code now}. */
  public TemporalAssessment assess(Signal signal, Instant now) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(now, "now");
    ZoneId zone = signal.event().flatMap(EventDetails::timeZone).orElse(policy.defaultZone());
    LocalDate today = LocalDate.ofInstant(now, zone);
    long ageDays =
        Math.max(
            0, ChronoUnit.DAYS.between(LocalDate.ofInstant(signal.publishedAt(), zone), today));
    TemporalAssessment.Builder b = TemporalAssessment.builder().assessedAt(now).ageDays(ageDays);
    return signal.event().isPresent()
        ? assessEvent(signal.event().get(), now, zone, today, b)
        : assessUndated(signal.publishedAt(), now, today, b);
  }

  private TemporalAssessment assessEvent(
      EventDetails event, Instant now, ZoneId zone, LocalDate today, TemporalAssessment.Builder b) {
    LocalDate startDate = LocalDate.ofInstant(event.start(), zone);
    long days = ChronoUnit.DAYS.between(today, startDate);
    b.daysUntilEvent(days);
    Duration left = Duration.between(now, event.start());
    if (event.status() == EventStatus.CANCELLED) {
      return b.urgency(Urgency.LOW)
          .window(ActionWindow.CLOSED)
          .recommendedAction("Event cancelled: no outreach")
          .build();
    }
    if (left.isNegative() || left.isZero()) {
      return b.urgency(Urgency.LOW)
          .window(ActionWindow.CLOSED)
          .recommendedAction("Event has started: follow up with attendees instead")
          .build();
    }
    Urgency urgency = eventUrgency(left);
    LocalDate ideal = startDate.minusDays(policy.outreachLeadTime().toDays());
    if (policy.businessDaysOnly()) {
      ideal = previousBusinessDay(ideal);
    }
    ActionWindow window;
    if (left.compareTo(policy.closesBeforeEvent()) <= 0) {
      window = ActionWindow.CLOSED;
    } else if (ideal.isBefore(today)) {
      window = ActionWindow.CLOSING_SOON;
    } else {
      window = ActionWindow.OPEN;
    }
    if (window != ActionWindow.CLOSED) {
      LocalDate outreach = ideal;
      if (ideal.isBefore(today)) {
        // Late: the next business day, unless that is already the event's own day.
        LocalDate next = notBefore(today);
        outreach = next.isBefore(startDate) ? next : today;
      }
      b.outreachDate(outreach);
    }
    return b.urgency(urgency)
        .window(window)
        .recommendedAction(eventAction(urgency, window, days))
        .build();
  }

  private TemporalAssessment assessUndated(
      Instant published, Instant now, LocalDate today, TemporalAssessment.Builder b) {
    Duration age = Duration.between(published, now);
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    Urgency urgency;
    ActionWindow window;
    if (age.compareTo(policy.undatedHighWithin()) <= 0) {
      urgency = Urgency.HIGH;
      window = ActionWindow.OPEN;
    } else if (age.compareTo(policy.undatedMediumWithin()) <= 0) {
      urgency = Urgency.MEDIUM;
      window = ActionWindow.OPEN;
    } else {
      urgency = Urgency.LOW;
      window =
          age.compareTo(policy.undatedClosesAfter()) <= 0
              ? ActionWindow.CLOSING_SOON
              : ActionWindow.CLOSED;
    }
    if (window != ActionWindow.CLOSED) {
      b.outreachDate(notBefore(today));
    }
    String action =
        switch (window) {
          case CLOSED -> "Old news: use it as context only";
          case CLOSING_SOON -> "Reach out soon or use it as context";
          case OPEN ->
              urgency == Urgency.HIGH ? "Reach out now while it is news" : "Reach out this week";
        };
    return b.urgency(urgency).window(window).recommendedAction(action).build();
  }

  private Urgency eventUrgency(Duration left) {
    if (left.compareTo(policy.criticalWithin()) <= 0) {
      return Urgency.CRITICAL;
    }
    if (left.compareTo(policy.highWithin()) <= 0) {
      return Urgency.HIGH;
    }
    if (left.compareTo(policy.mediumWithin()) <= 0) {
      return Urgency.MEDIUM;
    }
    return Urgency.LOW;
  }

  /** Today, or the next business day when today is a weekend and business days are required. */
  private LocalDate notBefore(LocalDate today) {
    return policy.businessDaysOnly() ? nextBusinessDay(today) : today;
  }

  private static LocalDate previousBusinessDay(LocalDate d) {
    while (isWeekend(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  private static LocalDate nextBusinessDay(LocalDate d) {
    while (isWeekend(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static String eventAction(Urgency urgency, ActionWindow window, long days) {
    if (window == ActionWindow.CLOSED) {
      return "Event in " + days + " days: too late to book, meet them there or follow up after";
    }
    return switch (urgency) {
      case CRITICAL -> "Event in " + days + " days: request a meeting on site now";
      case HIGH -> "Event in " + days + " days: book meetings this week";
      case MEDIUM -> "Event in " + days + " days: reach out on the outreach date";
      case LOW -> "Event in " + days + " days: add to the nurture sequence";
    };
  }
}

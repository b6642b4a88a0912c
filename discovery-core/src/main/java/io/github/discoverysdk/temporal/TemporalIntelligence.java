package io.github.discoverysdk.temporal;

import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Works out when to act on a signal: days until its event, urgency, the optimal outreach date and
 * whether the action window is still open. Stateless and thread-safe.
 *
 * <p>For an event: urgency comes from the time left until its start ({@link
 * TemporalPolicy#criticalWithin()} and so on); the outreach date is the start minus {@link
 * TemporalPolicy#outreachLeadTime()}, but never before today; the window is OPEN until that date,
 * CLOSING_SOON until the start, CLOSED after it (and for cancelled events). For other signals:
 * urgency decays with age since publication ({@link TemporalPolicy#freshFor()}), and the outreach
 * date is today while the window is open.
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
    ZoneId zone = signal.event().flatMap(EventDetails::timeZone).orElse(policy.defaultZone());
    LocalDate today = LocalDate.ofInstant(now, zone);
    long ageDays =
        Math.max(
            0, ChronoUnit.DAYS.between(LocalDate.ofInstant(signal.publishedAt(), zone), today));
    TemporalAssessment.Builder b = TemporalAssessment.builder().assessedAt(now).ageDays(ageDays);
    if (signal.event().isPresent()) {
      EventDetails event = signal.event().get();
      LocalDate startDate = LocalDate.ofInstant(event.start(), zone);
      long days = ChronoUnit.DAYS.between(today, startDate);
      b.daysUntilEvent(days);
      Duration left = Duration.between(now, event.start());
      if (event.status() == EventStatus.CANCELLED || left.isNegative() || left.isZero()) {
        return b.urgency(Urgency.LOW)
            .window(ActionWindow.CLOSED)
            .recommendedAction(
                event.status() == EventStatus.CANCELLED
                    ? "Event cancelled: no outreach"
                    : "Event has started: follow up with attendees instead")
            .build();
      }
      Urgency urgency = urgencyFor(left);
      LocalDate ideal = startDate.minusDays(policy.outreachLeadTime().toDays());
      ActionWindow window = ideal.isBefore(today) ? ActionWindow.CLOSING_SOON : ActionWindow.OPEN;
      LocalDate outreach = ideal.isBefore(today) ? today : ideal;
      return b.urgency(urgency)
          .window(window)
          .outreachDate(outreach)
          .recommendedAction(actionFor(urgency, days))
          .build();
    }
    Duration age = Duration.between(signal.publishedAt(), now);
    Duration fresh = policy.freshFor();
    Urgency urgency =
        age.compareTo(fresh) <= 0
            ? Urgency.HIGH
            : age.compareTo(fresh.multipliedBy(2)) <= 0 ? Urgency.MEDIUM : Urgency.LOW;
    ActionWindow window =
        age.compareTo(fresh.multipliedBy(4)) > 0
            ? ActionWindow.CLOSED
            : age.compareTo(fresh.multipliedBy(2)) > 0
                ? ActionWindow.CLOSING_SOON
                : ActionWindow.OPEN;
    b.urgency(urgency).window(window);
    if (window != ActionWindow.CLOSED) {
      b.outreachDate(today);
    }
    return b.recommendedAction(
            window == ActionWindow.CLOSED
                ? "Old news: use as context only"
                : urgency == Urgency.HIGH
                    ? "Reach out now while it is news"
                    : "Reach out this week")
        .build();
  }

  private Urgency urgencyFor(Duration left) {
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

  private static String actionFor(Urgency urgency, long days) {
    return switch (urgency) {
      case CRITICAL -> "Event in " + days + " days: request a meeting on site now";
      case HIGH -> "Event in " + days + " days: book meetings this week";
      case MEDIUM -> "Event in " + days + " days: plan outreach on the outreach date";
      case LOW -> "Event in " + days + " days: add to the nurture sequence";
    };
  }
}

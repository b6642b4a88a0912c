package io.github.discoverysdk.lifecycle;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two versions of a signal and says what changed, in terms a seller cares about: an event
 * moved, was cancelled or reinstated, changed venue, gained or lost speakers and sponsors; a
 * posting closed; the title or the content changed. Stateless and thread-safe.
 *
 * <p>People are compared by name and organisations by name and role, ignoring case and surrounding
 * spaces, so that a source re-ordering or re-casing its lists reports nothing.
 */
public final class ChangeDetector {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private ChangeDetector() {}

  /**
   * The changes from {@code before} to {@code after}, most important first; empty when their
   * content is the same.
   *
   * @throws ValidationException if the two are not versions of the same signal
   */
  public static List<LifecycleChange> diff(Signal before, Signal after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (!before.key().equals(after.key())) {
      throw new ValidationException(
          "can only compare versions of one signal, got " + before.key() + " and " + after.key());
    }
    List<LifecycleChange> changes = new ArrayList<>();
    if (before.contentHash().equals(after.contentHash())) {
      return changes;
    }
    eventChanges(before.event(), after.event(), changes);
    peopleChanges(before.people(), after.people(), changes);
    organizationChanges(before.organizations(), after.organizations(), changes);
    if (!before.title().equals(after.title())) {
      changes.add(
          LifecycleChange.of(
              ChangeKind.TITLE_CHANGED,
              "Title changed to \"" + after.title() + "\"",
              before.title(),
              after.title()));
    }
    boolean otherContent =
        !before.text().equals(after.text())
            || !before.url().equals(after.url())
            || !before.publishedAt().equals(after.publishedAt())
            || !before.industries().equals(after.industries())
            || !before.regions().equals(after.regions())
            || before.type() != after.type();
    if (otherContent || changes.isEmpty()) {
      changes.add(LifecycleChange.of(ChangeKind.CONTENT_CHANGED, "Details updated"));
    }
    return List.copyOf(changes);
  }

  /** The change of a signal its source no longer has. */
  public static LifecycleChange removed(Signal before) {
    String what =
        switch (before.type()) {
          case JOB_POSTING -> "Posting closed";
          case EVENT -> "Event no longer listed";
          default -> "No longer available at the source";
        };
    return LifecycleChange.of(ChangeKind.REMOVED, what);
  }

  private static void eventChanges(
      Optional<EventDetails> before, Optional<EventDetails> after, List<LifecycleChange> out) {
    if (before.isEmpty() || after.isEmpty()) {
      return;
    }
    EventDetails a = before.get();
    EventDetails b = after.get();
    if (a.status() != b.status()) {
      if (b.status() == EventStatus.CANCELLED) {
        out.add(
            LifecycleChange.of(
                ChangeKind.CANCELLED, "Event cancelled", a.status().name(), b.status().name()));
      } else if (b.status() == EventStatus.POSTPONED) {
        out.add(
            LifecycleChange.of(
                ChangeKind.POSTPONED, "Event postponed", a.status().name(), b.status().name()));
      } else if (b.status() == EventStatus.SCHEDULED
          && (a.status() == EventStatus.CANCELLED || a.status() == EventStatus.POSTPONED)) {
        out.add(
            LifecycleChange.of(
                ChangeKind.REINSTATED,
                "Event back on the schedule",
                a.status().name(),
                b.status().name()));
      }
    }
    if (!a.start().equals(b.start()) || !a.end().equals(b.end())) {
      ZoneId zone = b.timeZone().orElse(ZoneOffset.UTC);
      String from = format(a.start(), zone);
      String to = format(b.start(), zone);
      String summary =
          a.start().equals(b.start())
              ? "End moved to " + b.end().map(e -> format(e, zone)).orElse("(none)")
              : (b.start().isAfter(a.start()) ? "Moved later: " : "Moved earlier: ")
                  + from
                  + " to "
                  + to;
      out.add(LifecycleChange.of(ChangeKind.DATE_MOVED, summary, from, to));
    }
    if (!a.location().equals(b.location())) {
      out.add(
          LifecycleChange.of(
              ChangeKind.VENUE_CHANGED,
              "Venue changed to " + b.location().orElse("(none)"),
              a.location().orElse(""),
              b.location().orElse("")));
    }
  }

  private static void peopleChanges(
      List<PersonMention> before, List<PersonMention> after, List<LifecycleChange> out) {
    Map<String, PersonMention> was = byKey(before, p -> norm(p.name()));
    Map<String, PersonMention> now = byKey(after, p -> norm(p.name()));
    now.forEach(
        (k, p) -> {
          if (!was.containsKey(k)) {
            out.add(
                LifecycleChange.of(
                    ChangeKind.SPEAKER_ADDED,
                    "Added " + p.name() + p.title().map(t -> ", " + t).orElse(""),
                    "",
                    p.name()));
          }
        });
    was.forEach(
        (k, p) -> {
          if (!now.containsKey(k)) {
            out.add(
                LifecycleChange.of(
                    ChangeKind.SPEAKER_REMOVED, "Removed " + p.name(), p.name(), ""));
          }
        });
  }

  private static void organizationChanges(
      List<OrganizationMention> before,
      List<OrganizationMention> after,
      List<LifecycleChange> out) {
    Map<String, OrganizationMention> was = byKey(before, o -> norm(o.name()) + "|" + o.role());
    Map<String, OrganizationMention> now = byKey(after, o -> norm(o.name()) + "|" + o.role());
    now.forEach(
        (k, o) -> {
          if (!was.containsKey(k)) {
            out.add(
                LifecycleChange.of(
                    ChangeKind.ORGANIZATION_ADDED,
                    "Added " + o.name() + " as " + role(o),
                    "",
                    o.name()));
          }
        });
    was.forEach(
        (k, o) -> {
          if (!now.containsKey(k)) {
            out.add(
                LifecycleChange.of(
                    ChangeKind.ORGANIZATION_REMOVED,
                    o.name() + " no longer " + role(o),
                    o.name(),
                    ""));
          }
        });
  }

  private static String role(OrganizationMention o) {
    return o.role().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static <T> Map<String, T> byKey(
      List<T> items, java.util.function.Function<T, String> key) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T item : items) {
      out.putIfAbsent(key.apply(item), item);
    }
    return out;
  }

  private static String norm(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  private static String format(Instant instant, ZoneId zone) {
    return DATE_TIME.format(instant.atZone(zone));
  }
}

package io.github.discoverysdk.connectors;

import io.github.discoverysdk.ValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HubSpot API version a connector calls. Since March 2026 HubSpot versions its REST APIs by
 * date in the path ({@code /crm/objects/2026-03/deals}, {@code
 * /crm/associations/2026-03/deals/contacts/batch/read}); the numeric paths ({@code
 * /crm/v3/objects}, {@code /crm/v4/associations}) are {@link #LEGACY} and unsupported after March
 * 2027. Each date version is supported for 18 months, so a host pins the version it has tested and
 * moves on its own schedule; the connectors default to {@link #DEFAULT}.
 *
 * <p>Immutable and thread-safe.
 */
public final class HubSpotApiVersion {
  private static final Pattern DATE = Pattern.compile("20\\d\\d-(0[1-9]|1[0-2])");

  /** The numeric paths: {@code /crm/v3/objects/…} and {@code /crm/v4/associations/…}. */
  public static final HubSpotApiVersion LEGACY = new HubSpotApiVersion(null);

  /** The first date version, {@code 2026-03}: the connectors' default. */
  public static final HubSpotApiVersion DEFAULT = new HubSpotApiVersion("2026-03");

  private final String date;

  private HubSpotApiVersion(String date) {
    this.date = date;
  }

  /**
   * A date version such as {@code 2026-09}.
   *
   * @throws ValidationException unless {@code date} is {@code YYYY-MM}
   */
  public static HubSpotApiVersion of(String date) {
    Objects.requireNonNull(date, "date");
    if (!DATE.matcher(date).matches()) {
      throw new ValidationException(
          "HubSpot API version must be a date version YYYY-MM such as 2026-03, was '"
              + (date.length() > 20 ? date.substring(0, 20) + "…" : date)
              + "'");
    }
    return new HubSpotApiVersion(date);
  }

  /** The date, or empty for {@link #LEGACY}. */
  public Optional<String> date() {
    return Optional.ofNullable(date);
  }

  /** The path of an object type's collection, e.g. {@code /crm/objects/2026-03/deals}. */
  public String objects(String type) {
    return date == null ? "/crm/v3/objects/" + type : "/crm/objects/" + date + "/" + type;
  }

  /** The path of associations from one object type to another. */
  public String associations(String from, String to) {
    return date == null
        ? "/crm/v4/associations/" + from + "/" + to
        : "/crm/associations/" + date + "/" + from + "/" + to;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HubSpotApiVersion v && Objects.equals(date, v.date);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(date);
  }

  @Override
  public String toString() {
    return date == null ? "legacy (v3/v4)" : date;
  }
}

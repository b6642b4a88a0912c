package io.github.discoverysdk.insight;

import io.github.discoverysdk.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an inbox page ended: the last card's account (when grouped by account), creation time and
 * opportunity id, in the order {@code (account id), cardedAt descending, opportunity id}. Passed
 * around as an opaque, URL-safe string. Immutable and thread-safe.
 *
 * @param accountId the last card's account, when the listing is grouped by account
 * @param cardedAt the last card's creation, at microseconds
 * @param opportunityId the last card's opportunity id value
 */
public record InboxCursor(Optional<String> accountId, Instant cardedAt, String opportunityId) {
  public InboxCursor {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(cardedAt, "cardedAt");
    Objects.requireNonNull(opportunityId, "opportunityId");
  }

  /** The cursor just after {@code card}. */
  public static InboxCursor after(CardSummary card, boolean groupByAccount) {
    return new InboxCursor(
        groupByAccount ? card.accountId() : Optional.empty(),
        card.cardedAt(),
        card.opportunityId().value());
  }

  /** The opaque form. */
  public String encode() {
    long micros =
        Math.addExact(
            Math.multiplyExact(cardedAt.getEpochSecond(), 1_000_000L), cardedAt.getNano() / 1_000);
    String raw =
        accountId.map(a -> "a" + a).orElse("-") + "\u0000" + micros + "\u0000" + opportunityId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the opaque form. */
  public static InboxCursor decode(String cursor) {
    Objects.requireNonNull(cursor, "cursor");
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\u0000", 3);
      if (parts.length != 3
          || parts[2].isEmpty()
          || !(parts[0].equals("-") || parts[0].startsWith("a"))) {
        throw new IllegalArgumentException("three parts");
      }
      long micros = Long.parseLong(parts[1]);
      Optional<String> account =
          parts[0].equals("-") ? Optional.empty() : Optional.of(parts[0].substring(1));
      return new InboxCursor(
          account,
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
          parts[2]);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor is not an inbox cursor: " + abbreviate(cursor));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}

package io.github.discoverysdk.review;

import io.github.discoverysdk.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque text of a {@link ReviewCursor}: {@code c1.} and the URL-safe Base64 of its queued time
 * and opportunity id. Decoding is strict: anything this class did not produce is a {@link
 * ValidationException}, never a page from a guessed position. Stateless.
 */
final class CardCursors {
  private static final String PREFIX = "c1.";
  private static final int MAX_LENGTH = 1_000;

  private CardCursors() {}

  static String encode(ReviewCursor c) {
    String raw = c.queuedAt() + "\n" + c.opportunityId();
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static ReviewCursor decode(String text) {
    if (text == null || text.length() > MAX_LENGTH || !text.startsWith(PREFIX)) {
      throw invalid();
    }
    try {
      String raw =
          new String(
              Base64.getUrlDecoder().decode(text.substring(PREFIX.length())),
              StandardCharsets.UTF_8);
      int nl = raw.indexOf('\n');
      if (nl < 0 || raw.indexOf('\n', nl + 1) >= 0) {
        throw invalid();
      }
      ReviewCursor c = new ReviewCursor(Instant.parse(raw.substring(0, nl)), raw.substring(nl + 1));
      if (!encode(c).equals(text)) {
        throw invalid();
      }
      return c;
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw invalid();
    } catch (ValidationException e) {
      throw invalid();
    }
  }

  private static ValidationException invalid() {
    return new ValidationException("cursor is not one this engine issued for review cards");
  }
}

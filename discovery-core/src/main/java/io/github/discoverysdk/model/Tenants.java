package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;

/**
 * The one rule every tenant id follows, checked by every value that carries a tenant ({@link
 * ProfileId}, {@link OpportunityId}, {@link Profile}, {@link Team}, {@link OutboxEntry}, {@link
 * Watermark}, {@link FeedQuery}, ...) and available to storages and hosts for their own {@code
 * String tenant} arguments.
 *
 * <p>A tenant id is 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 . _ : @ -}. No
 * whitespace, control characters or non-ASCII letters: every byte of it compares the same way in
 * every database and collation, so that near-duplicates such as {@code "acme "} (trailing space,
 * equal to {@code "acme"} under MariaDB's PAD SPACE collations), {@code "acme\u0000"} or {@code
 * "аcme"} (a Cyrillic {@code а}) cannot be created and then read another tenant's rows. Case is
 * kept: {@code "Acme"} and {@code "acme"} are two tenants, and every storage keeps them apart.
 * Thread-safe (stateless).
 */
public final class Tenants {
  /** The longest tenant id accepted. */
  public static final int MAX_LENGTH = 64;

  private Tenants() {}

  /** Whether {@code tenant} is a valid tenant id; {@code false} for {@code null}. */
  public static boolean isValid(String tenant) {
    return tenant != null && problem(tenant) == null;
  }

  /**
   * Returns {@code tenant} when it is a valid tenant id.
   *
   * @param field the name of the argument or attribute, used in the message
   * @throws ValidationException naming {@code field} and what is wrong, when it is not
   */
  public static String check(String field, String tenant) {
    if (tenant == null) {
      throw new ValidationException(field + " must not be null");
    }
    String problem = problem(tenant);
    if (problem != null) {
      throw new ValidationException(field + " " + problem);
    }
    return tenant;
  }

  private static String problem(String tenant) {
    if (tenant.isEmpty()) {
      return "must not be empty";
    }
    if (tenant.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters, was " + tenant.length();
    }
    for (int i = 0; i < tenant.length(); i++) {
      char c = tenant.charAt(i);
      if (!allowed(c)) {
        return "may hold only A-Z a-z 0-9 . _ : @ -, was '"
            + Checks.printable(tenant)
            + "' (character U+"
            + String.format("%04X", (int) c)
            + " at index "
            + i
            + ")";
      }
    }
    return null;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '@'
        || c == '-';
  }
}

package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.util.Locale;

/**
 * The normal forms of a {@link Company}'s domains and tickers, and the checks that refuse what is
 * neither. Not API. Stateless and thread-safe.
 */
final class CompanyKeys {
  /** Longest exchange code and symbol accepted ("EURONEXT", "BRK.B"). */
  private static final int MAX_EXCHANGE = 10;

  private static final int MAX_SYMBOL = 10;

  private CompanyKeys() {}

  /**
   * A domain as a company's domains keep it: lower case, without scheme, user, port, path, query,
   * trailing dot or a leading {@code www.}; {@code "https://www.Stripe.com/about"} becomes {@code
   * "stripe.com"}.
   *
   * @throws ValidationException naming the value when it holds no host name of at least two labels
   *     of letters, digits, hyphens and underscores, the last beginning with a letter
   */
  static String domain(String value) {
    String s = value.strip().toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      String name = s.substring(0, scheme);
      if (!name.equals("http") && !name.equals("https")) {
        throw invalidDomain(value);
      }
      s = s.substring(scheme + 3);
    }
    int cut = s.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int at = s.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    String host = s.substring(0, cut);
    host = host.substring(host.lastIndexOf('@') + 1);
    int port = host.indexOf(':');
    if (port >= 0) {
      if (!digits(host.substring(port + 1))) {
        throw invalidDomain(value);
      }
      host = host.substring(0, port);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.startsWith("www.") && host.indexOf('.', 4) > 0) {
      host = host.substring(4);
    }
    if (!isHost(host)) {
      throw invalidDomain(value);
    }
    return host;
  }

  /**
   * A ticker as a company's tickers keep it: {@code EXCHANGE:SYMBOL} in upper case without spaces;
   * {@code "nyse: crm"} becomes {@code "NYSE:CRM"}. The exchange is 2 to 10 letters; the symbol 1
   * to 10 letters and digits, with inner dots or hyphens for share classes ({@code "NYSE:BRK.B"}).
   *
   * @throws ValidationException naming the value otherwise, a symbol without exchange included
   */
  static String ticker(String value) {
    String s = value.strip().toUpperCase(Locale.ROOT);
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw invalidTicker(value);
    }
    String exchange = s.substring(0, colon).strip();
    String symbol = s.substring(colon + 1).strip();
    if (exchange.length() < 2 || exchange.length() > MAX_EXCHANGE) {
      throw invalidTicker(value);
    }
    for (int i = 0; i < exchange.length(); i++) {
      char c = exchange.charAt(i);
      if (c < 'A' || c > 'Z') {
        throw invalidTicker(value);
      }
    }
    if (symbol.isEmpty() || symbol.length() > MAX_SYMBOL) {
      throw invalidTicker(value);
    }
    for (int i = 0; i < symbol.length(); i++) {
      char c = symbol.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      boolean inner = (c == '.' || c == '-') && i > 0 && i < symbol.length() - 1;
      if (!alnum && !(inner && isAlnum(symbol.charAt(i - 1)))) {
        throw invalidTicker(value);
      }
    }
    return exchange + ':' + symbol;
  }

  private static boolean isHost(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    String[] labels = host.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        // Underscores are no part of a host name, but some DNS names have them ("_dmarc").
        if (!isAlnum(Character.toUpperCase(c)) && c != '-' && c != '_' && !Character.isLetter(c)) {
          return false;
        }
      }
    }
    return Character.isLetter(labels[labels.length - 1].charAt(0));
  }

  private static boolean isAlnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static ValidationException invalidDomain(String value) {
    return new ValidationException(
        "company.domains must hold domains like 'stripe.com' or web addresses like"
            + " 'https://stripe.com', was '"
            + Checks.printable(value)
            + "'");
  }

  private static ValidationException invalidTicker(String value) {
    return new ValidationException(
        "company.tickers must hold EXCHANGE:SYMBOL like 'NYSE:CRM', was '"
            + Checks.printable(value)
            + "'");
  }
}

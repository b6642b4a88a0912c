package io.github.discoverysdk.matching;

import java.net.URI;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalisation shared by the index and the texts it scans, so that both sides agree: case folding,
 * diacritics removed (Unicode NFKD), punctuation as word breaks, {@code &} read as {@code and},
 * legal suffixes of company names dropped, job-title abbreviations expanded, and web addresses
 * reduced to their registrable domain. Stateless and thread-safe.
 */
public final class Normalizer {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private static final Set<String> LEGAL_SUFFIXES =
      Set.of(
          "inc",
          "incorporated",
          "corp",
          "corporation",
          "llc",
          "ltd",
          "limited",
          "plc",
          "gmbh",
          "ag",
          "se",
          "sa",
          "nv",
          "bv",
          "as",
          "ab",
          "co",
          "company",
          "lp",
          "llp",
          "srl",
          "spa",
          "oy",
          "kk",
          "pty",
          "sarl",
          "sas");

  /** Second-level labels under which a registrable domain has three labels (co.uk). */
  private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "gov", "ac");

  private static final Map<String, List<String>> TITLE_ABBREVIATIONS =
      Map.ofEntries(
          Map.entry("vp", List.of("vice", "president")),
          Map.entry("svp", List.of("senior", "vice", "president")),
          Map.entry("evp", List.of("executive", "vice", "president")),
          Map.entry("avp", List.of("assistant", "vice", "president")),
          Map.entry("sr", List.of("senior")),
          Map.entry("jr", List.of("junior")),
          Map.entry("ceo", List.of("chief", "executive", "officer")),
          Map.entry("cfo", List.of("chief", "financial", "officer")),
          Map.entry("cto", List.of("chief", "technology", "officer")),
          Map.entry("cro", List.of("chief", "revenue", "officer")),
          Map.entry("cmo", List.of("chief", "marketing", "officer")),
          Map.entry("coo", List.of("chief", "operating", "officer")),
          Map.entry("cio", List.of("chief", "information", "officer")),
          Map.entry("cdo", List.of("chief", "data", "officer")),
          Map.entry("ciso", List.of("chief", "information", "security", "officer")),
          Map.entry("revops", List.of("revenue", "operations")),
          Map.entry("ops", List.of("operations")),
          Map.entry("eng", List.of("engineering")),
          Map.entry("mgr", List.of("manager")),
          Map.entry("dir", List.of("director")));

  private static final Set<String> TITLE_STOPWORDS = Set.of("of", "the", "and", "for", "a", "an");

  private Normalizer() {}

  /** Lower case without diacritics: {@code "Nestlé"} becomes {@code "nestle"}. */
  public static String fold(String text) {
    String decomposed = java.text.Normalizer.normalize(text, Form.NFKD);
    return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
  }

  /**
   * Splits a text into folded words with their offsets in the original. Letters and digits make
   * words; everything else separates them; {@code &} is a word of its own, read as {@code and}.
   */
  public static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (cp == '&') {
        tokens.add(new Token("and", i, i + 1));
        i++;
        continue;
      }
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < n) {
        int c = text.codePointAt(i);
        // Combining marks belong to the word they decorate.
        if (!Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
          break;
        }
        i += Character.charCount(c);
      }
      String folded = fold(text.substring(start, i));
      if (!folded.isEmpty()) {
        tokens.add(new Token(folded, start, i));
      }
    }
    return tokens;
  }

  /** The folded words of a text, joined by single spaces. */
  public static String phrase(String text) {
    return String.join(" ", words(text));
  }

  /**
   * A company name as the index keys it: folded words without trailing legal suffixes, so that
   * {@code "Stripe, Inc."} and {@code "STRIPE"} agree. A name made only of a suffix is kept.
   */
  public static String companyName(String name) {
    List<String> words = words(name);
    int end = words.size();
    while (end > 1 && LEGAL_SUFFIXES.contains(words.get(end - 1))) {
      end--;
    }
    // "S.A." and "N.V." arrive as two one-letter words.
    if (end > 2
        && words.get(end - 1).length() == 1
        && words.get(end - 2).length() == 1
        && LEGAL_SUFFIXES.contains(words.get(end - 2) + words.get(end - 1))) {
      end -= 2;
    }
    return String.join(" ", words.subList(0, end));
  }

  /**
   * A job title with abbreviations expanded and filler words dropped: {@code "VP, Sales"} and
   * {@code "Vice President of Sales"} both become {@code "vice president sales"}.
   */
  public static String title(String title) {
    List<String> out = new ArrayList<>();
    for (String w : words(title)) {
      if (TITLE_STOPWORDS.contains(w)) {
        continue;
      }
      out.addAll(TITLE_ABBREVIATIONS.getOrDefault(w, List.of(w)));
    }
    return String.join(" ", out);
  }

  /**
   * The registrable domain of a domain or URL: {@code "https://careers.stripe.com/jobs"} becomes
   * {@code "stripe.com"}, {@code "www.bbc.co.uk"} becomes {@code "bbc.co.uk"}. Empty when the text
   * holds no host.
   */
  public static Optional<String> domain(String domainOrUrl) {
    String s = domainOrUrl.strip().toLowerCase(Locale.ROOT);
    String host;
    if (s.contains("://")) {
      try {
        host = URI.create(s).getHost();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    } else {
      int cut = s.length();
      for (char c : new char[] {'/', ':', '?', '#'}) {
        int at = s.indexOf(c);
        if (at >= 0) {
          cut = Math.min(cut, at);
        }
      }
      host = s.substring(0, cut);
    }
    if (host == null || !host.contains(".")) {
      return Optional.empty();
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    String[] labels = host.split("\\.");
    int keep = 2;
    if (labels.length >= 3
        && labels[labels.length - 1].length() == 2
        && SECOND_LEVEL.contains(labels[labels.length - 2])) {
      keep = 3;
    }
    if (labels.length < keep) {
      return Optional.of(host);
    }
    return Optional.of(
        String.join(".", List.of(labels).subList(labels.length - keep, labels.length)));
  }

  private static List<String> words(String text) {
    List<Token> tokens = tokenize(text);
    List<String> words = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      words.add(t.text());
    }
    return words;
  }
}

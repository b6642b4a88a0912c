package io.github.discoverysdk.matching;

import java.net.URI;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalisation shared by the index and the texts it scans, so that both sides agree: case folding,
 * diacritics removed (Unicode NFKD), punctuation as word breaks, {@code &} read as {@code and},
 * possessives dropped ({@code "Stripe's"} is {@code stripe}), dotted acronyms joined ({@code
 * "I.B.M."} and {@code "I. B. M."} are {@code ibm}), legal suffixes of company names dropped
 * ({@code Inc}, {@code GmbH}, {@code S.A.}, {@code N.V.}, {@code A/S} …), job-title abbreviations
 * expanded, and web addresses reduced to their registrable domain. Generic words such as {@code
 * Group} or {@code Technologies} are kept here; the index down-weights them. Stateless and
 * thread-safe.
 */
public final class Normalizer {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /**
   * Legal forms, as folded words; dotted forms ("S.A.") arrive as one-letter words and are joined.
   */
  static final Set<String> LEGAL_SUFFIXES =
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
          "asa",
          "ab",
          "oy",
          "oyj",
          "co",
          "company",
          "lp",
          "llp",
          "srl",
          "spa",
          "kk",
          "pty",
          "sarl",
          "sas",
          "sl",
          "kg",
          "kgaa",
          "ug",
          "aps",
          "bhd",
          "pte",
          "pvt",
          "ltda",
          "sae",
          "sca",
          "ohg",
          "gbr",
          "lda",
          "doo",
          "zrt",
          "sro");

  /** Top-level domains that, written after a name ("Salesforce.com"), make the name a domain. */
  private static final Set<String> NAME_TLDS =
      Set.of("com", "io", "ai", "net", "org", "co", "app", "dev", "tech", "de", "uk", "fr");

  /** Second-level labels under which a registrable domain has three labels (co.uk). */
  private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "gov", "ac");

  private Normalizer() {}

  /** Lower case without diacritics: {@code "Nestlé"} becomes {@code "nestle"}. */
  public static String fold(String text) {
    boolean ascii = true;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return text.toLowerCase(Locale.ROOT);
    }
    String decomposed = java.text.Normalizer.normalize(streamSafe(text), Form.NFKD);
    return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
  }

  /** Most combining marks in a row that {@link #fold} decomposes as one run. */
  static final int MAX_MARK_RUN = 30;

  /**
   * The text with a combining grapheme joiner (U+034F) after every {@link #MAX_MARK_RUN} combining
   * marks in a row, as the Stream-Safe Text Format of Unicode UAX #15 does: decomposition sorts
   * each run of marks by insertion, in time quadratic in the run's length (a megabyte of marks of
   * alternating classes took minutes). The joiner is a mark itself, dropped with the others, so the
   * folded text is unchanged.
   */
  static String streamSafe(String text) {
    StringBuilder out = null;
    int run = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK) {
        if (run == MAX_MARK_RUN) {
          if (out == null) {
            out = new StringBuilder(text.length() + text.length() / MAX_MARK_RUN + 1);
            out.append(text, 0, i);
          }
          out.append('\u034F');
          run = 0;
        }
        run++;
      } else {
        run = 0;
      }
      if (out != null) {
        out.append(text, i, i + n);
      }
      i += n;
    }
    return out == null ? text : out.toString();
  }

  /**
   * Splits a text into folded words with their offsets in the original. Letters and digits make
   * words; everything else separates them; {@code &} is a word of its own, read as {@code and}; a
   * possessive {@code 's} is dropped.
   */
  public static List<Token> tokenize(String text) {
    Tokens t = new Tokens();
    t.scan(text);
    List<Token> out = new ArrayList<>(t.size);
    for (int i = 0; i < t.size; i++) {
      out.add(new Token(t.word(i), t.start[i], t.end[i]));
    }
    return out;
  }

  /** The folded words of a text, joined by single spaces. */
  public static String phrase(String text) {
    return String.join(" ", words(text));
  }

  /**
   * A company name as the index keys it: folded words without trailing legal suffixes, so that
   * {@code "Stripe, Inc."}, {@code "STRIPE"} and {@code "Stripe's"} agree, and a name written as a
   * domain keeps its name ({@code "Salesforce.com"} is {@code salesforce}). A name made only of a
   * suffix is kept. Empty when the name holds no letter or digit ({@code "."}, {@code "™"}).
   */
  public static String companyName(String name) {
    String stripped = name.strip();
    if (stripped.indexOf(' ') < 0) {
      int dot = stripped.lastIndexOf('.');
      if (dot > 0 && NAME_TLDS.contains(fold(stripped.substring(dot + 1)))) {
        stripped = stripped.substring(0, dot);
      }
    }
    List<String> words = words(stripped);
    if (words.isEmpty()) {
      words = words(name); // "!.com": nothing but the TLD is a word
    }
    return String.join(" ", words.subList(0, withoutLegalSuffix(words)));
  }

  /**
   * How many leading words of a folded company name remain once trailing legal suffixes (and the
   * {@code "&"} of {@code "& Co."}) are dropped; at least one, unless there are no words at all.
   */
  static int withoutLegalSuffix(List<String> words) {
    if (words.isEmpty()) {
      return 0;
    }
    int end = words.size();
    while (end > 1) {
      int cut = legalSuffixBefore(words, end);
      if (cut == 0) {
        break;
      }
      end -= cut;
      if (end > 1 && words.get(end - 1).equals("and")) {
        end--;
      }
    }
    return Math.max(end, 1);
  }

  /** How many words ending at {@code end} form a legal suffix: 0, 1, 2 ("s a") or 3 ("s p a"). */
  static int legalSuffixBefore(List<String> words, int end) {
    if (end < 2) {
      return 0;
    }
    String last = words.get(end - 1);
    if (last.length() > 1) {
      return LEGAL_SUFFIXES.contains(last) ? 1 : 0;
    }
    StringBuilder joined = new StringBuilder(last);
    for (int n = 2; n <= 3 && end - n >= 1; n++) {
      String w = words.get(end - n);
      if (w.length() != 1) {
        break;
      }
      joined.insert(0, w);
      if (LEGAL_SUFFIXES.contains(joined.toString())) {
        return n;
      }
    }
    return 0;
  }

  /**
   * A job title with abbreviations expanded and filler words dropped: {@code "VP, Sales"} and
   * {@code "Vice President of Sales"} both become {@code "vice president sales"}. See {@link
   * JobTitle} for seniority and function.
   */
  public static String title(String title) {
    return JobTitle.parse(title).normalized();
  }

  /**
   * The registrable domain of a domain or URL: {@code "https://careers.stripe.com/jobs"} becomes
   * {@code "stripe.com"}, {@code "www.bbc.co.uk"} becomes {@code "bbc.co.uk"}. Empty when the text
   * holds no host, or an empty label where the registrable domain should be ({@code "."}, {@code
   * "stripe..com"}).
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
      int at = host.lastIndexOf('@');
      if (at >= 0) {
        host = host.substring(at + 1);
      }
    }
    if (host == null || !host.contains(".")) {
      return Optional.empty();
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    String[] labels = host.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty(); // "localhost."
    }
    int keep = 2;
    if (labels.length >= 3
        && labels[labels.length - 1].length() == 2
        && SECOND_LEVEL.contains(labels[labels.length - 2])) {
      keep = 3;
    }
    for (int i = labels.length - keep; i < labels.length; i++) {
      if (labels[i].isEmpty()) {
        return Optional.empty(); // ".", "..", "stripe..com": no host
      }
    }
    return Optional.of(
        String.join(".", List.of(labels).subList(labels.length - keep, labels.length)));
  }

  static List<String> words(String text) {
    Tokens t = new Tokens();
    t.scan(text);
    List<String> words = new ArrayList<>(t.size);
    for (int i = 0; i < t.size; i++) {
      words.add(t.word(i));
    }
    return words;
  }
}

package io.github.discoverysdk.connectors;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job title and an employer out of a speaker's tagline: "VP Sales at Stripe", "Staff Engineer @
 * Shopify", "CTO, Acme", "Head of Platform – Zalando SE". Only confident patterns yield an
 * employer: "Director, Product Marketing" is a title without employer, and a past role ("Former CTO
 * at Globex", "ex-…") names no current employer. Stateless and thread-safe.
 */
final class Taglines {
  /** A tagline's title and employer; either may be absent. */
  record Role(Optional<String> title, Optional<String> employer) {
    static final Role NONE = new Role(Optional.empty(), Optional.empty());
  }

  /** " at ", " @ ", "@Name", and the German and French " bei ", " chez ". */
  private static final Pattern AT =
      Pattern.compile("\\s+(?:at|bei|chez)\\s+|\\s@\\s*", Pattern.CASE_INSENSITIVE);

  /** Separators between several roles: "CTO at Acme | Java Champion". */
  private static final Pattern ROLES = Pattern.compile("\\s*(?:\\||;|•|·|\\n)\\s*");

  /** Between a title and an employer without "at": "CTO, Acme", "CTO – Acme". */
  private static final Pattern PLAIN = Pattern.compile(",\\s+|\\s+[-–—]\\s+");

  /** Where an employer's name ends: "Acme, formerly Google", "Acme (ex-Google)", "Acme – EMEA". */
  private static final Pattern EMPLOYER_END = Pattern.compile(",\\s+|\\s+[-–—]\\s+|\\s*\\(");

  private static final Pattern LEGAL_SUFFIX =
      Pattern.compile(
          "(?i)(inc\\.?|llc|l\\.l\\.c\\.|ltd\\.?|limited|gmbh|ag|sa|s\\.a\\.|bv|b\\.v\\.|nv|plc|corp\\.?|co\\.|se|sas|srl|oy|ab|as|kg)\\b.*");

  private static final Pattern PAST =
      Pattern.compile("(?i)^(?:former(?:ly)?\\b|ex[-\\s]|previously\\b|retired\\b|past\\b).*");

  /** Words that make a phrase a title. */
  private static final Pattern TITLE_WORD =
      Pattern.compile(
          "(?i)\\b(c[etfoirmps]o|ciso|chief|officer|vp|svp|evp|vice|president|director|head|"
              + "manager|lead|leader|engineer|developer|founder|co-?founder|owner|partner|"
              + "architect|principal|staff|senior|advocate|evangelist|consultant|scientist|"
              + "analyst|designer|researcher|specialist|gm|managing|product|programmer|"
              + "coach|trainer|professor|student|cto|ceo)\\b");

  /** Words of a business function: "Director, Product Marketing" names no employer. */
  private static final Pattern FUNCTION_WORD =
      Pattern.compile(
          "(?i)\\b(sales|marketing|engineering|product|operations|revenue|finance|research|"
              + "development|platform|infrastructure|security|data|growth|people|hr|"
              + "customer|success|partnerships|business|technology|strategy|design|emea|apac|"
              + "americas|north america|europe|dach|global|devrel|developer relations)\\b");

  private Taglines() {}

  static Role parse(String tagline) {
    if (tagline == null) {
      return Role.NONE;
    }
    String all = Text.html(tagline, 1_000);
    if (all.isEmpty()) {
      return Role.NONE;
    }
    String[] segments = ROLES.split(all);
    for (String segment : segments) {
      Matcher at = AT.matcher(segment);
      if (at.find() && at.start() > 0) {
        String title = clean(segment.substring(0, at.start()));
        String employer = employer(segment.substring(at.end()));
        if (!title.isEmpty() || !employer.isEmpty()) {
          return role(title, employer);
        }
      }
    }
    String first = segments.length == 0 ? all : segments[0];
    Matcher m = PLAIN.matcher(first);
    int split = -1;
    int after = -1;
    while (m.find()) {
      if (!LEGAL_SUFFIX.matcher(first.substring(m.end())).matches()) {
        split = m.start();
        after = m.end();
      }
    }
    if (split > 0) {
      String title = clean(first.substring(0, split));
      String employer = clean(first.substring(after));
      if (TITLE_WORD.matcher(title).find()
          && !employer.isEmpty()
          && !FUNCTION_WORD.matcher(employer).find()
          && !TITLE_WORD.matcher(employer).find()) {
        return role(title, employer);
      }
    }
    return role(clean(first), "");
  }

  private static Role role(String title, String employer) {
    boolean past = PAST.matcher(title).matches();
    return new Role(
        title.isEmpty() ? Optional.empty() : Optional.of(JobPostings.cut(title, 300)),
        employer.isEmpty() || past
            ? Optional.empty()
            : Optional.of(JobPostings.cut(employer, 300)));
  }

  /** The employer up to the first separator, keeping a legal suffix ("Acme, Inc."). */
  private static String employer(String rest) {
    Matcher m = EMPLOYER_END.matcher(rest);
    int from = 0;
    while (m.find(from)) {
      String tail = rest.substring(m.end());
      if (m.group().strip().startsWith(",") && LEGAL_SUFFIX.matcher(tail).lookingAt()) {
        Matcher suffix = LEGAL_SUFFIX.matcher(tail);
        suffix.lookingAt();
        from = m.end() + suffix.group(1).length();
        if (from >= rest.length()) {
          break;
        }
        continue;
      }
      return clean(rest.substring(0, m.start()));
    }
    return clean(rest);
  }

  private static String clean(String s) {
    String c = s.strip();
    c = c.replaceAll("^[\\s,;:|\\-–—\"'“”]+", "").replaceAll("[\\s,;:|\\-–—\"'“”!]+$", "");
    return c.strip().toLowerCase(Locale.ROOT).equals("n/a") ? "" : c.strip();
  }
}

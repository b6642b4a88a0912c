package io.github.discoverysdk.connectors.text;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.spi.EntityExtractor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link EntityExtractor}: a gazetteer with rules, in English. It finds runs of
 * capitalised words and job titles, then tells organisations from people by what the run is (legal
 * suffix, organisation word, a known organisation, a common given name) and by its context (after
 * "at", "joined", "acquired"; before "raised", "announced", a possessive), and gives each person
 * the title next to them ("CEO Jane Doe", "Jane Doe, VP Sales at Acme", "appointed Jane Doe as
 * CFO") with the employer the sentence names. Every mention carries its span in the text given and
 * a confidence: 0.9 for what the gazetteer or a legal suffix says, 0.7 for what only the context
 * says.
 *
 * <p>What it does not do: resolve pronouns, find lower-case names, read languages other than
 * English, or tell an event or a place after "at" from an organisation. Its precision and recall on
 * the SDK's labelled set are printed by {@code EntityExtractionEvaluationTest} and in the README.
 *
 * <p>Linear in the text's length (one tokenising pass, bounded look-around). One call reads at most
 * the first 20,000 tokens of its text: use it through {@link TextProcessors#entities()}, which
 * reads long texts in chunks. Immutable and thread-safe.
 */
public final class RuleEntityExtractor implements EntityExtractor {
  static final double SURE = 0.9;
  static final double CONTEXT = 0.7;

  /** Longest name kept, in tokens: a longer capitalised run is a headline, not a name. */
  static final int MAX_NAME_TOKENS = 7;

  private RuleEntityExtractor() {}

  /** The extractor. */
  public static RuleEntityExtractor create() {
    return new RuleEntityExtractor();
  }

  @Override
  public String id() {
    return "rules";
  }

  @Override
  public Extraction extract(String text, EvidenceField field) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(field, "field");
    List<Tok> toks = Tok.of(text);
    List<Titles.Span> titles = Titles.find(toks);
    boolean[] inTitle = new boolean[toks.size()];
    Titles.Span[] titleStartingAt = new Titles.Span[toks.size() + 1];
    Titles.Span[] titleEndingAt = new Titles.Span[toks.size() + 1];
    for (Titles.Span t : titles) {
      for (int k = t.from(); k < t.to(); k++) {
        inTitle[k] = true;
      }
      titleStartingAt[t.from()] = t;
      titleEndingAt[t.to()] = t;
    }
    List<Cand> cands = new ArrayList<>();
    Cand[] candStartingAt = new Cand[toks.size() + 1];
    Cand[] candEndingAt = new Cand[toks.size() + 1];
    int i = 0;
    while (i < toks.size()) {
      if (inTitle[i] || !namey(toks.get(i))) {
        i++;
        continue;
      }
      int j = runEnd(toks, inTitle, i);
      Cand c = classify(text, toks, i, j, titleEndingAt, titleStartingAt);
      if (c != null) {
        cands.add(c);
        candStartingAt[c.from()] = c;
        candEndingAt[c.to()] = c;
      }
      i = j;
    }
    Map<String, OrganizationMention> orgs = new LinkedHashMap<>();
    Map<String, PersonMention> people = new LinkedHashMap<>();
    for (Cand c : cands) {
      String name = text.substring(c.start(), c.end());
      MentionSpan span = MentionSpan.of(field, c.start(), c.end(), c.confidence());
      String key = name.toLowerCase(Locale.ROOT);
      if (c.org()) {
        orgs.putIfAbsent(
            key,
            OrganizationMention.builder()
                .name(name)
                .role(OrganizationRole.MENTIONED)
                .span(span)
                .build());
        continue;
      }
      PersonMention.Builder p = PersonMention.builder().name(name).span(span);
      TitleAndEmployer te =
          TitleAndEmployer.find(
              text,
              toks,
              c.from(),
              c.to(),
              titleStartingAt,
              titleEndingAt,
              candStartingAt,
              candEndingAt);
      te.title().ifPresent(p::title);
      te.employer().ifPresent(p::employer);
      PersonMention mention = p.build();
      PersonMention before = people.get(key);
      if (before == null || (before.title().isEmpty() && mention.title().isPresent())) {
        people.put(key, mention);
      }
    }
    return new Extraction(List.copyOf(orgs.values()), List.copyOf(people.values()));
  }

  /** A token that can be part of a name. */
  static boolean namey(Tok t) {
    return t.capitalised() && t.text().length() <= 60;
  }

  /** The end of the capitalised run starting at {@code i}, joined over "&", "of", "van"... */
  private static int runEnd(List<Tok> toks, boolean[] inTitle, int i) {
    int n = toks.size();
    int j = i + 1;
    if (possessive(toks.get(i))) {
      return j;
    }
    while (j < n && !inTitle[j]) {
      Tok t = toks.get(j);
      if (namey(t)) {
        j++;
        if (possessive(t)) {
          break;
        }
      } else if (j + 1 < n
          && !inTitle[j + 1]
          && namey(toks.get(j + 1))
          && (t.is("&") || t.is("of") || t.is("van") || t.is("von") || t.is("de"))) {
        j += 2;
      } else {
        break;
      }
    }
    return j;
  }

  static boolean possessive(Tok t) {
    String s = t.text();
    return s.endsWith("'s") || s.endsWith("’s");
  }

  private static Cand classify(
      String text,
      List<Tok> toks,
      int from,
      int to,
      Titles.Span[] titleEndingAt,
      Titles.Span[] titleStartingAt) {
    while (from < to && EntityLexicon.NOT_NAMES.contains(bare(toks.get(from)))) {
      from++;
    }
    if (from == to || to - from > MAX_NAME_TOKENS) {
      return null;
    }
    List<String> words = new ArrayList<>(to - from);
    for (int k = from; k < to; k++) {
      words.add(bare(toks.get(k)));
    }
    Tok last = toks.get(to - 1);
    int start = toks.get(from).start();
    int end = possessive(last) ? last.end() - 2 : last.end();
    String lastWord = words.get(words.size() - 1);
    boolean legal = words.size() >= 2 && EntityLexicon.LEGAL.contains(lastWord);
    if (legal && to < toks.size() && toks.get(to).is(".") && !possessive(last)) {
      end = toks.get(to).end(); // "Acme Inc."
    }
    boolean orgWord = false;
    for (int k = 1; k < words.size(); k++) {
      orgWord |= EntityLexicon.ORG_WORDS.contains(words.get(k));
    }
    String joined = String.join(" ", words);
    boolean known = EntityLexicon.KNOWN_ORGS.contains(joined);
    boolean person = personShaped(words) && EntityLexicon.GIVEN_NAMES.contains(words.get(0));
    if (legal || known || (orgWord && !person)) {
      return new Cand(from, to, start, end, true, SURE);
    }
    if (person) {
      return new Cand(from, to, start, end, false, SURE);
    }
    boolean titleBefore =
        titleEndingAt[from] != null
            || (from > 0 && toks.get(from - 1).is(",") && titleEndingAt[from - 1] != null);
    boolean nextToTitle =
        titleBefore
            || (to + 1 < toks.size()
                && isSeparator(toks.get(to))
                && titleStartingAt[to + 1] != null);
    if (nextToTitle && personShaped(words) && !possessive(last)) {
      return new Cand(from, to, start, end, false, CONTEXT);
    }
    String before = from > 0 ? toks.get(from - 1).lower() : "";
    String after = to < toks.size() ? toks.get(to).lower() : "";
    if (possessive(last)
        || titleBefore
        || EntityLexicon.ORG_BEFORE.contains(before)
        || EntityLexicon.ORG_AFTER.contains(after)
        || (titleStartingAt[to] != null && words.size() <= 3)) {
      if (words.size() == 1 && EntityLexicon.GIVEN_NAMES.contains(words.get(0))) {
        return null; // "Jane announced": a person by first name, not an organisation
      }
      return new Cand(from, to, start, end, true, CONTEXT);
    }
    return null;
  }

  /** Two to four alphabetic words, none an organisation word: the shape of a person's name. */
  static boolean personShaped(List<String> words) {
    if (words.size() < 2 || words.size() > 4) {
      return false;
    }
    for (String w : words) {
      if (EntityLexicon.LEGAL.contains(w) || EntityLexicon.ORG_WORDS.contains(w)) {
        return false;
      }
      for (int k = 0; k < w.length(); k++) {
        char c = w.charAt(k);
        if (!Character.isLetter(c) && c != '-' && c != '\'' && c != '’') {
          return false;
        }
      }
    }
    return true;
  }

  static boolean isSeparator(Tok t) {
    return t.is(",") || t.is("(") || t.is("–") || t.is("—") || t.is("-") || t.is("|") || t.is(":");
  }

  /** The token's word in lower case, without a possessive "'s". */
  static String bare(Tok t) {
    String w = t.lower();
    return possessive(t) ? w.substring(0, w.length() - 2) : w;
  }
}

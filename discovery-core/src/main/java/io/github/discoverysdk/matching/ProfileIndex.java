package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An index of every profile's watchlist companies (names, aliases, domains), competitors, keywords,
 * target titles, industries and regions. {@link #match(Signal)} looks each word sequence of a
 * signal up once, so its cost grows with the signal's length and the number of distinct terms, not
 * with the number of profiles. Immutable after construction and thread-safe.
 *
 * <p>Confidence orders the evidence: a structured organisation field or a domain (0.95) beats the
 * exact name in the title (0.85) or text (0.8), which beats an alias (0.7 to 0.9 by field) and a
 * keyword (0.7). A company name found in lower case ("target", "square") is taken for the common
 * word it probably is (0.3). Target titles match when the profile's title, normalised, appears in a
 * person's title or a job posting's title.
 */
public final class ProfileIndex {
  private static final int MAX_PHRASE_WORDS = 8;

  private record Entry(ProfileId profile, MatchTarget target, MatchKind kind, String term) {}

  private final Map<String, List<Entry>> names = new HashMap<>();
  private final Map<String, List<Entry>> domains = new HashMap<>();
  private final Map<String, List<Entry>> titles = new HashMap<>();
  private final Map<String, List<String>> titleWords = new HashMap<>();
  private final Map<String, List<Entry>> industries = new HashMap<>();
  private final Map<String, List<Entry>> regions = new HashMap<>();
  private final int profileCount;
  private int maxWords = 1;

  private ProfileIndex(Collection<Profile> profiles) {
    int count = 0;
    for (Profile p : profiles) {
      if (!p.enabled()) {
        continue;
      }
      count++;
      ProfileId id = p.id();
      for (Company c : p.watchlist()) {
        addName(
            Normalizer.companyName(c.name()),
            new Entry(id, MatchTarget.WATCHLIST, MatchKind.EXACT, c.name()));
        for (String alias : c.aliases()) {
          addName(
              Normalizer.companyName(alias),
              new Entry(id, MatchTarget.WATCHLIST, MatchKind.ALIAS, c.name()));
        }
        for (String d : c.domains()) {
          Normalizer.domain(d)
              .ifPresent(
                  key ->
                      add(
                          domains,
                          key,
                          new Entry(id, MatchTarget.WATCHLIST, MatchKind.DOMAIN, c.name())));
        }
      }
      for (String competitor : p.competitors()) {
        addName(
            Normalizer.companyName(competitor),
            new Entry(id, MatchTarget.COMPETITOR, MatchKind.EXACT, competitor));
      }
      for (String keyword : p.keywords()) {
        addName(
            Normalizer.phrase(keyword),
            new Entry(id, MatchTarget.KEYWORD, MatchKind.EXACT, keyword));
      }
      for (String title : p.targetTitles()) {
        String key = Normalizer.title(title);
        if (!key.isEmpty()) {
          add(titles, key, new Entry(id, MatchTarget.TITLE, MatchKind.EXACT, title));
          titleWords.computeIfAbsent(key, k -> List.of(k.split(" ")));
        }
      }
      for (String industry : p.industries()) {
        add(
            industries,
            Normalizer.phrase(industry),
            new Entry(id, MatchTarget.INDUSTRY, MatchKind.EXACT, industry));
      }
      for (String region : p.regions()) {
        add(
            regions,
            Normalizer.phrase(region),
            new Entry(id, MatchTarget.REGION, MatchKind.EXACT, region));
      }
    }
    this.profileCount = count;
  }

  /** Indexes the enabled profiles among {@code profiles}. */
  public static ProfileIndex of(Collection<Profile> profiles) {
    return new ProfileIndex(profiles);
  }

  /** How many profiles the index holds. */
  public int profileCount() {
    return profileCount;
  }

  /**
   * Every profile the signal concerns, with the best match per profile term. Profiles whose matches
   * are only industry or region are included too; it is for the caller to require an anchor (see
   * {@link MatchTarget#isAnchor()}).
   */
  public Map<ProfileId, List<Match>> match(Signal signal) {
    Collector out = new Collector();
    List<OrganizationMention> orgs = signal.organizations();
    for (int i = 0; i < orgs.size(); i++) {
      OrganizationMention org = orgs.get(i);
      for (Entry e : names.getOrDefault(Normalizer.companyName(org.name()), List.of())) {
        if (isCompany(e)) {
          out.add(
              e,
              org.name(),
              e.kind == MatchKind.ALIAS ? 0.9 : 0.95,
              EvidenceField.ORGANIZATION,
              i,
              i + 1,
              "organization-" + org.role().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      final int index = i;
      org.domain()
          .flatMap(Normalizer::domain)
          .ifPresent(
              d -> {
                for (Entry e : domains.getOrDefault(d, List.of())) {
                  out.add(
                      e,
                      d,
                      0.95,
                      EvidenceField.ORGANIZATION,
                      index,
                      index + 1,
                      "organization-domain");
                }
              });
    }
    signal
        .url()
        .map(Object::toString)
        .flatMap(Normalizer::domain)
        .ifPresent(
            d -> {
              for (Entry e : domains.getOrDefault(d, List.of())) {
                out.add(e, d, 0.85, EvidenceField.URL, 0, 0, "url-domain");
              }
            });
    scanText(signal.title(), EvidenceField.TITLE, out);
    scanText(signal.text(), EvidenceField.TEXT, out);
    List<PersonMention> people = signal.people();
    for (int i = 0; i < people.size(); i++) {
      PersonMention person = people.get(i);
      final int index = i;
      person.title().ifPresent(t -> matchTitle(t, EvidenceField.PERSON, index, out));
      person
          .employer()
          .ifPresent(
              emp -> {
                for (Entry e : names.getOrDefault(Normalizer.companyName(emp), List.of())) {
                  if (isCompany(e)) {
                    out.add(
                        e,
                        emp,
                        e.kind == MatchKind.ALIAS ? 0.85 : 0.9,
                        EvidenceField.PERSON,
                        index,
                        index + 1,
                        "person-employer");
                  }
                }
              });
    }
    if (signal.type() == SignalType.JOB_POSTING) {
      matchTitle(signal.title(), EvidenceField.TITLE, 0, out);
    }
    for (String industry : signal.industries()) {
      for (Entry e : industries.getOrDefault(Normalizer.phrase(industry), List.of())) {
        out.add(e, industry, 1.0, EvidenceField.INDUSTRY, 0, industry.length(), "industry");
      }
    }
    for (String region : signal.regions()) {
      for (Entry e : regions.getOrDefault(Normalizer.phrase(region), List.of())) {
        out.add(e, region, 1.0, EvidenceField.REGION, 0, region.length(), "region");
      }
    }
    return out.result();
  }

  private void scanText(String text, EvidenceField field, Collector out) {
    if (text.isEmpty() || names.isEmpty()) {
      return;
    }
    List<Token> tokens = Normalizer.tokenize(text);
    StringBuilder phrase = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      phrase.setLength(0);
      for (int n = 0; n < maxWords && i + n < tokens.size(); n++) {
        if (n > 0) {
          phrase.append(' ');
        }
        phrase.append(tokens.get(i + n).text());
        List<Entry> entries = names.get(phrase.toString());
        if (entries == null) {
          continue;
        }
        int start = tokens.get(i).start();
        int end = tokens.get(i + n).end();
        String matched = text.substring(start, end);
        boolean capitalized = !Character.isLowerCase(text.codePointAt(start));
        for (Entry e : entries) {
          double confidence;
          String rule;
          if (e.target == MatchTarget.KEYWORD) {
            confidence = 0.7;
            rule = "keyword";
          } else if (!capitalized) {
            confidence = 0.3;
            rule = "lowercase-common-word";
          } else if (e.kind == MatchKind.ALIAS) {
            confidence = field == EvidenceField.TITLE ? 0.75 : 0.7;
            rule = "alias-in-" + field.name().toLowerCase(java.util.Locale.ROOT);
          } else {
            confidence = field == EvidenceField.TITLE ? 0.85 : 0.8;
            rule = "name-in-" + field.name().toLowerCase(java.util.Locale.ROOT);
          }
          out.add(e, matched, confidence, field, start, end, rule);
        }
      }
    }
  }

  private void matchTitle(String candidate, EvidenceField field, int index, Collector out) {
    if (titles.isEmpty()) {
      return;
    }
    String normalized = Normalizer.title(candidate);
    if (normalized.isEmpty()) {
      return;
    }
    List<String> words = List.of(normalized.split(" "));
    for (Map.Entry<String, List<String>> t : titleWords.entrySet()) {
      boolean equal = t.getKey().equals(normalized);
      if (equal || Collections.indexOfSubList(words, t.getValue()) >= 0) {
        int start = field == EvidenceField.PERSON ? index : 0;
        int end = field == EvidenceField.PERSON ? index + 1 : candidate.length();
        for (Entry e : titles.get(t.getKey())) {
          out.add(
              e,
              candidate,
              equal ? 0.9 : 0.8,
              field,
              start,
              end,
              equal ? "title-exact" : "title-contains");
        }
      }
    }
  }

  private void addName(String key, Entry entry) {
    if (key.isEmpty()) {
      return;
    }
    add(names, key, entry);
    maxWords = Math.max(maxWords, Math.min(MAX_PHRASE_WORDS, key.split(" ").length));
  }

  private static void add(Map<String, List<Entry>> map, String key, Entry entry) {
    if (!key.isEmpty()) {
      map.computeIfAbsent(key, k -> new ArrayList<>(2)).add(entry);
    }
  }

  private static boolean isCompany(Entry e) {
    return e.target == MatchTarget.WATCHLIST || e.target == MatchTarget.COMPETITOR;
  }

  /** Keeps the most confident match per (profile, target, term). */
  private static final class Collector {
    private final Map<ProfileId, Map<String, Match>> best = new LinkedHashMap<>();

    void add(
        Entry e,
        String matched,
        double confidence,
        EvidenceField field,
        int start,
        int end,
        String rule) {
      Map<String, Match> perProfile = best.computeIfAbsent(e.profile, k -> new LinkedHashMap<>());
      String key = e.target + "\u0000" + e.term;
      Match current = perProfile.get(key);
      if (current != null && current.confidence() >= confidence) {
        return;
      }
      perProfile.put(
          key,
          Match.builder()
              .target(e.target)
              .kind(e.kind)
              .term(e.term)
              .matchedText(matched)
              .confidence(confidence)
              .field(field)
              .start(start)
              .end(end)
              .rule(rule)
              .build());
    }

    Map<ProfileId, List<Match>> result() {
      Map<ProfileId, List<Match>> out = new LinkedHashMap<>();
      best.forEach((id, m) -> out.put(id, List.copyOf(m.values())));
      return Collections.unmodifiableMap(out);
    }
  }
}

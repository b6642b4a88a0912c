package io.github.discoverysdk.benchmarks.search;

import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic documents: news-like titles about invented companies ("Velora Systems
 * raises a Series B led by Northgate Capital"), bodies of three to six sentences of business prose,
 * spread over tenants and accounts, each account about one company. Words follow a skewed
 * distribution, as in real text: a few are in most documents, most are rare. Deterministic for a
 * seed; not thread-safe.
 */
final class SearchCorpus {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final String[] SYLLABLES = {
    "vel", "ora", "nex", "tri", "qua", "lum", "zen", "cor", "ax", "bri", "mon", "dal", "ver", "sol",
    "kai", "ro", "fin", "tek", "ly", "mar", "op", "sen", "ta", "gro"
  };
  private static final String[] SUFFIXES = {
    "Systems", "Labs", "Health", "Pay", "Logistics", "Energy", "Software", "Bank", "Robotics", "AI"
  };
  private static final String[] EVENTS = {
    "raises a Series B led by %s",
    "hires a new Chief Revenue Officer from %s",
    "opens an office in %s",
    "announces layoffs after losing %s",
    "acquires %s",
    "partners with %s on payments",
    "names a new CFO formerly at %s",
    "launches a product to compete with %s",
    "expands its sales team in %s",
    "cancels its contract with %s"
  };
  private static final String[] CITIES = {
    "Berlin", "Dublin", "Austin", "Singapore", "Toronto", "Lisbon", "Warsaw", "Sydney", "Paris"
  };
  private static final String[] WORDS =
      ("the company said growth revenue customers market funding round investors expansion team"
              + " hiring engineers sales enterprise platform cloud security data analytics payments"
              + " leadership board strategy quarter results partnership acquisition integration"
              + " product launch pricing contract renewal churn pipeline region europe america asia"
              + " compliance regulation audit migration infrastructure budget procurement vendor"
              + " software hardware logistics supply chain retail banking insurance healthcare"
              + " energy manufacturing automotive telecom media education government nonprofit"
              + " startup series seed valuation ipo debt layoffs restructuring office headquarters"
              + " executive officer director manager engineer analyst consultant partner customer")
          .split(" ");

  private final SplittableRandom random;
  private final String[] companies;
  private final int tenants;
  private final int accounts;

  SearchCorpus(long seed, int tenants, int accounts) {
    this.random = new SplittableRandom(seed);
    this.tenants = tenants;
    this.accounts = accounts;
    this.companies = new String[accounts];
    for (int i = 0; i < accounts; i++) {
      companies[i] = name(2) + " " + SUFFIXES[random.nextInt(SUFFIXES.length)];
    }
  }

  static String tenant(int t) {
    return "tenant-" + t;
  }

  static String account(int a) {
    return "acc-" + a;
  }

  /** Account {@code a} belongs to tenant {@code a % tenants}. */
  int tenantOf(int account) {
    return account % tenants;
  }

  /** The next document: its account picked at random, its kind by a 45/45/10 split. */
  SearchDocument next(long n) {
    int a = random.nextInt(accounts);
    int k = random.nextInt(20);
    SearchKind kind =
        k < 9 ? SearchKind.OPPORTUNITY : k < 18 ? SearchKind.SIGNAL : SearchKind.DRAFT;
    String company = companies[a];
    String other = companies[random.nextInt(accounts)];
    String event = EVENTS[random.nextInt(EVENTS.length)];
    String target =
        event.contains("office") || event.contains("team in")
            ? CITIES[random.nextInt(CITIES.length)]
            : other;
    String title = company + " " + String.format(Locale.ROOT, event, target);
    StringBuilder text = new StringBuilder(600);
    int sentences = 3 + random.nextInt(4);
    for (int s = 0; s < sentences; s++) {
      text.append(s == 0 ? company : capital(word())).append(' ');
      int words = 8 + random.nextInt(10);
      for (int w = 0; w < words; w++) {
        text.append(word()).append(w + 1 < words ? " " : ". ");
      }
    }
    return SearchDocument.builder()
        .kind(kind)
        .tenant(tenant(tenantOf(a)))
        .id(kind.name().toLowerCase(Locale.ROOT) + "-" + n)
        .accountId(account(a))
        .opportunityId("opp-" + n)
        .title(title)
        .text(text.toString())
        .time(START.plus(Duration.ofMinutes(n)))
        .source(kind == SearchKind.DRAFT ? "template" : "news")
        .stamp("1")
        .build();
  }

  /** A two-word query as a user types it: a common word and a rarer one. */
  String twoWords() {
    return word() + " " + WORDS[random.nextInt(WORDS.length)];
  }

  List<String> queries(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(twoWords());
    }
    return out;
  }

  /** A word of the vocabulary, skewed towards its first entries (roughly Zipf). */
  private String word() {
    double u = random.nextDouble();
    return WORDS[(int) (WORDS.length * u * u * u)];
  }

  private String name(int syllables) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return capital(b.toString());
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  SplittableRandom random() {
    return random;
  }
}

package io.github.discoverysdk.connectors.text;

import io.github.discoverysdk.model.Theme;
import io.github.discoverysdk.spi.ThemeDetector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The default {@link ThemeDetector}: cue phrases per theme over the lower-cased words of the title
 * and text ("raised", "series b", "laid off", "steps down", "opens office", "acquires", "unveils",
 * "data breach", "partners with", "fined"...), with two guards: a weak leadership cue ("named",
 * "hires", "joins") counts only when the text also holds a job title, and phrases that only look
 * like a theme ("customer acquisition", "talent acquisition") are skipped. English only. Its
 * precision and recall on the SDK's labelled set are printed by {@code
 * ThemeDetectionEvaluationTest} and in the README.
 *
 * <p>Linear in the text's length: one tokenising pass and a lookup per word; at most {@link
 * #MAX_CHARS} characters are read. Immutable and thread-safe.
 */
public final class RuleThemeDetector implements ThemeDetector {
  /** How much of a text is read: themes are stated early, and a filing's tail adds noise. */
  public static final int MAX_CHARS = 20_000;

  private record Cue(String[] words, Theme theme, boolean needsTitle) {}

  private static final Map<String, List<Cue>> CUES = cues();

  private static final Set<String> NOT_MA =
      Set.of("customer", "talent", "user", "data", "client", "lead", "patient", "member");

  private RuleThemeDetector() {}

  /** The detector. */
  public static RuleThemeDetector create() {
    return new RuleThemeDetector();
  }

  @Override
  public String id() {
    return "rules";
  }

  @Override
  public Set<Theme> detect(String title, String text) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    String all = title + "\n" + (text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
    List<Tok> toks = Tok.of(all);
    List<String> words = new ArrayList<>(toks.size());
    for (Tok t : toks) {
      words.add(t.lower());
    }
    Set<Theme> out = EnumSet.noneOf(Theme.class);
    boolean titled = false;
    boolean titleChecked = false;
    for (int i = 0; i < words.size(); i++) {
      List<Cue> cues = CUES.get(words.get(i));
      if (cues == null) {
        continue;
      }
      for (Cue c : cues) {
        if (out.contains(c.theme()) || !matches(words, i, c.words())) {
          continue;
        }
        if (c.theme() == Theme.MERGERS_ACQUISITIONS && i > 0 && NOT_MA.contains(words.get(i - 1))) {
          continue;
        }
        if (c.needsTitle()) {
          if (!titleChecked) {
            titled = !Titles.find(toks).isEmpty();
            titleChecked = true;
          }
          if (!titled) {
            continue;
          }
        }
        out.add(c.theme());
      }
    }
    return out;
  }

  private static boolean matches(List<String> words, int at, String[] cue) {
    if (at + cue.length > words.size()) {
      return false;
    }
    for (int k = 1; k < cue.length; k++) {
      if (!cue[k].equals("*") && !cue[k].equals(words.get(at + k))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, List<Cue>> cues() {
    Map<String, List<Cue>> m = new HashMap<>();
    add(
        m,
        Theme.FUNDING,
        false,
        "raised",
        "raises",
        "raising",
        "funding",
        "funded",
        "series a",
        "series b",
        "series c",
        "series d",
        "series e",
        "seed round",
        "pre-seed",
        "valuation",
        "ipo",
        "initial public offering",
        "went public",
        "go public",
        "goes public",
        "debt financing",
        "growth round",
        "investment round",
        "led the round",
        "round led",
        "venture capital",
        "capital raise",
        "new investors",
        "existing investors",
        "credit facility");
    add(
        m,
        Theme.LAYOFFS,
        false,
        "layoffs",
        "layoff",
        "laid off",
        "lay off",
        "lays off",
        "laying off",
        "job cuts",
        "cut jobs",
        "cuts jobs",
        "cutting jobs",
        "cut * jobs",
        "cuts * jobs",
        "cut * roles",
        "cuts * roles",
        "cut * positions",
        "cuts * positions",
        "redundancies",
        "restructuring",
        "reduce headcount",
        "reduction in force",
        "workforce reduction",
        "reduce its workforce",
        "reduce the workforce",
        "downsizing",
        "shed",
        "sheds",
        "eliminate * jobs",
        "eliminating * positions",
        "of its staff",
        "of its workforce",
        "of our staff");
    add(
        m,
        Theme.LEADERSHIP_CHANGE,
        false,
        "appointed",
        "appoints",
        "appointment",
        "steps down",
        "stepping down",
        "step down",
        "stepped down",
        "resigns",
        "resigned",
        "resignation",
        "retires",
        "retirement",
        "succeeds",
        "successor",
        "succeed",
        "promoted",
        "promotes",
        "interim ceo",
        "new ceo",
        "new cfo",
        "new cto",
        "new chief",
        "departure",
        "ousted",
        "leadership change",
        "leadership transition",
        "executive team");
    add(
        m,
        Theme.LEADERSHIP_CHANGE,
        true,
        "named",
        "names",
        "hires",
        "hired",
        "joins",
        "joined",
        "welcomes",
        "taps");
    add(
        m,
        Theme.EXPANSION,
        false,
        "expands",
        "expanded",
        "expanding",
        "expansion",
        "opens",
        "opened",
        "opening",
        "new office",
        "new offices",
        "new headquarters",
        "new hub",
        "enters",
        "entering",
        "plans to hire",
        "will hire",
        "to hire",
        "hiring spree",
        "growing our team",
        "growing the team",
        "new market",
        "new markets",
        "new facility",
        "new plant",
        "headcount",
        "scale our",
        "scaling our",
        "relocates",
        "relocating",
        "open a",
        "open an",
        "open its",
        "new clinic",
        "new site",
        "new centre",
        "new center",
        "new region",
        "new countries",
        "enter the",
        "doubling",
        "grown from",
        "build a",
        "new fulfilment",
        "new fulfillment");
    add(
        m,
        Theme.MERGERS_ACQUISITIONS,
        false,
        "acquire",
        "acquires",
        "acquired",
        "acquiring",
        "acquisition",
        "acquisitions",
        "merger",
        "mergers",
        "merge",
        "merges",
        "merged",
        "buyout",
        "takeover",
        "to buy",
        "agreed to buy",
        "bought",
        "buys",
        "combine",
        "combination",
        "deal to buy",
        "take-private");
    add(
        m,
        Theme.PRODUCT_LAUNCH,
        false,
        "launch",
        "launches",
        "launched",
        "launching",
        "unveils",
        "unveiled",
        "unveiling",
        "introduces",
        "introduced",
        "introducing",
        "debuts",
        "debuted",
        "generally available",
        "general availability",
        "now available",
        "rolls out",
        "rolled out",
        "rolling out",
        "new product",
        "new feature",
        "new features",
        "released",
        "releases",
        "beta",
        "product launch",
        "demo",
        "roll out");
    add(
        m,
        Theme.SECURITY_INCIDENT,
        false,
        "breach",
        "breached",
        "data breach",
        "ransomware",
        "cyberattack",
        "cyberattacks",
        "cyber attack",
        "cyber-attack",
        "hack",
        "hacked",
        "hackers",
        "compromised",
        "leak",
        "leaked",
        "malware",
        "unauthorized access",
        "unauthorised access",
        "ddos",
        "stolen data",
        "exfiltrated",
        "security incident",
        "phishing attack",
        "intrusion",
        "intrusions");
    add(
        m,
        Theme.PARTNERSHIP,
        false,
        "partnership",
        "partners with",
        "partnered with",
        "partnering with",
        "our partners",
        "reseller",
        "teaming up",
        "integration",
        "strategic alliance",
        "alliance",
        "teams up",
        "team up",
        "teamed up",
        "collaboration with",
        "collaborate",
        "collaborates",
        "integration with",
        "reseller agreement",
        "joint venture",
        "memorandum of understanding",
        "co-sell");
    add(
        m,
        Theme.REGULATORY,
        false,
        "regulator",
        "regulators",
        "regulatory",
        "fined",
        "fine of",
        "penalty",
        "penalties",
        "antitrust",
        "investigation",
        "probe",
        "gdpr",
        "sec",
        "ftc",
        "fca",
        "bafin",
        "licence",
        "license",
        "fda approval",
        "approved by",
        "sanctions",
        "consent order",
        "dora",
        "nis2",
        "ai act",
        "compliance deadline",
        "regulation",
        "regulations",
        "enforcement action",
        "watchdog",
        "subpoena");
    return Map.copyOf(m);
  }

  private static void add(
      Map<String, List<Cue>> m, Theme theme, boolean needsTitle, String... phrases) {
    for (String p : phrases) {
      String[] words = p.toLowerCase(Locale.ROOT).split(" ");
      m.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Cue(words, theme, needsTitle));
    }
  }
}

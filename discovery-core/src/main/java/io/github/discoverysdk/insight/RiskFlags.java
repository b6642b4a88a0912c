package io.github.discoverysdk.insight;

import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.SignalType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The deterministic classifier from a signal to its {@link RiskFlag}s, each with the reason that
 * raised it. Text is read as folded words (tags of HTML dropped first, then {@link
 * Normalizer#phrase}), and a phrase matches whole words only: {@code "recall"} does not match
 * {@code "recalled"} unless listed. A phrase preceded within two words by a negation ({@code no},
 * {@code not}, {@code without}, {@code denies}, {@code never}, {@code zero}) or followed by {@code
 * free} ({@code "layoff-free"}) does not count. Stateless and thread-safe.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>{@link RiskFlag#LEADERSHIP_CHANGE}: type {@code LEADERSHIP_CHANGE}, or a change word
 *       (appoints, resigns, steps down…) within {@value #WINDOW} words of an executive title.
 *   <li>{@link RiskFlag#LAYOFFS}: layoffs, laid off, job cuts, redundancies, reduction in force…
 *   <li>{@link RiskFlag#NEGATIVE_NEWS}: outage, breach, lawsuit, net loss, recall, bankruptcy…
 *   <li>{@link RiskFlag#FUNDING}: type {@code FUNDING}, a funding round or series, or {@code
 *       raises} within {@value #WINDOW} words of an amount or of funding words.
 *   <li>{@link RiskFlag#COMPETITOR_MOVE}: the profile's competitor matched the signal.
 *   <li>{@link RiskFlag#CANCELLATION}: an event the source reports {@code CANCELLED} or {@code
 *       POSTPONED}, or cancelled, postponed, called off, scrapped….
 * </ul>
 */
public final class RiskFlags {
  /** How many words apart the two parts of a two-part rule may be. */
  public static final int WINDOW = 8;

  private static final Set<String> NEGATIONS =
      Set.of("no", "not", "without", "denies", "denied", "never", "zero", "nor");

  private static final List<String> LAYOFFS =
      phrases(
          "layoff|layoffs|lay off|lays off|laid off|laying off|job cuts|cuts jobs|"
              + "cut jobs|cutting jobs|redundancies|workforce reduction|"
              + "reduction in force|headcount reduction");

  private static final List<String> NEGATIVE =
      phrases(
          "outage|outages|breach|data breach|hacked|cyberattack|ransomware|"
              + "lawsuit|lawsuits|sued|sues|class action|litigation|recall|recalls|"
              + "recalled|net loss|posts loss|posted a loss|reports loss|"
              + "reported a loss|widening loss|losses|bankruptcy|insolvency|fraud|fined|"
              + "scandal");

  private static final List<String> CANCELLATION =
      phrases(
          "cancelled|canceled|cancels|postponed|postpones|called off|calls off|"
              + "scrapped|scraps|discontinued|discontinues");

  private static final List<String> FUNDING =
      phrases(
          "funding round|financing round|series a|series b|series c|series d|"
              + "series e|series f|seed round|seed funding|venture funding|growth round|"
              + "secures funding|closes round");

  private static final List<String> RAISES = phrases("raises|raised|raising");

  private static final List<String> MONEY =
      phrases("million|billion|funding|round|capital|investment|investors");

  private static final List<String> CHANGES =
      phrases(
          "appoints|appointed|appointment|names|named|hires|hired|promotes|"
              + "promoted|steps down|stepping down|stepped down|resigns|resigned|"
              + "resignation|departs|departure|retires|retirement|succeeds|successor|"
              + "ousted|fired|joins as|new ceo|new cfo|new cto");

  private static final List<String> EXECUTIVES =
      phrases(
          "ceo|cfo|cto|coo|cmo|cro|cio|ciso|chief|president|vp|vice president|"
              + "chairman|chairwoman|chair|founder|executive|head of|general manager|"
              + "managing director");

  private RiskFlags() {}

  /** The phrases of a {@code |}-separated list. */
  private static List<String> phrases(String list) {
    return List.of(list.split("\\|"));
  }

  /**
   * The flags a signal raises, each with why.
   *
   * @param type the signal's type
   * @param title the signal's title
   * @param text its body or summary, possibly HTML; may be empty
   * @param eventStatus the status its source reports for an event, if it is one
   * @param competitors the profile's competitors that matched the signal (their terms)
   * @return an unmodifiable map, in flag order, empty when nothing is raised
   */
  public static Map<RiskFlag, String> explain(
      SignalType type,
      String title,
      String text,
      Optional<EventStatus> eventStatus,
      Collection<String> competitors) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(eventStatus, "eventStatus");
    Objects.requireNonNull(competitors, "competitors");
    List<String> words = words(title + " . " + withoutTags(text));
    Map<RiskFlag, String> out = new EnumMap<>(RiskFlag.class);
    if (type == SignalType.LEADERSHIP_CHANGE) {
      out.put(RiskFlag.LEADERSHIP_CHANGE, "signal type LEADERSHIP_CHANGE");
    } else {
      near(words, CHANGES, EXECUTIVES)
          .ifPresent(r -> out.put(RiskFlag.LEADERSHIP_CHANGE, "executive change: " + r));
    }
    first(words, LAYOFFS).ifPresent(p -> out.put(RiskFlag.LAYOFFS, "mentions \"" + p + "\""));
    first(words, NEGATIVE)
        .ifPresent(p -> out.put(RiskFlag.NEGATIVE_NEWS, "mentions \"" + p + "\""));
    if (type == SignalType.FUNDING) {
      out.put(RiskFlag.FUNDING, "signal type FUNDING");
    } else {
      first(words, FUNDING)
          .or(() -> near(words, RAISES, MONEY))
          .or(() -> raisesAmount(words))
          .ifPresent(p -> out.put(RiskFlag.FUNDING, "funding: " + p));
    }
    List<String> named = competitors.stream().filter(c -> !c.isBlank()).sorted().toList();
    if (!named.isEmpty()) {
      out.put(RiskFlag.COMPETITOR_MOVE, "competitor matched: " + String.join(", ", named));
    }
    if (eventStatus
        .filter(s -> s == EventStatus.CANCELLED || s == EventStatus.POSTPONED)
        .isPresent()) {
      out.put(RiskFlag.CANCELLATION, "event " + eventStatus.get());
    } else {
      first(words, CANCELLATION)
          .ifPresent(p -> out.put(RiskFlag.CANCELLATION, "mentions \"" + p + "\""));
    }
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  /**
   * The flags a signal raises on its own, without competitors (which only a profile's matches
   * name): the default of {@code DiscoveryEngine.Builder.riskFlags}.
   */
  public static Set<RiskFlag> of(io.github.discoverysdk.model.Signal signal) {
    return classify(
        signal.type(),
        signal.title(),
        signal.text(),
        signal.event().map(io.github.discoverysdk.model.EventDetails::status),
        List.of());
  }

  /** The flags of {@link #explain}, without the reasons. */
  public static Set<RiskFlag> classify(
      SignalType type,
      String title,
      String text,
      Optional<EventStatus> eventStatus,
      Collection<String> competitors) {
    Map<RiskFlag, String> flags = explain(type, title, text, eventStatus, competitors);
    return flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags.keySet());
  }

  /** The flags as a bit set, bit {@code ordinal()} for each: how stores keep them. */
  public static int bits(Set<RiskFlag> flags) {
    int bits = 0;
    for (RiskFlag f : flags) {
      bits |= 1 << f.ordinal();
    }
    return bits;
  }

  /** The flags of a bit set made by {@link #bits}. */
  public static Set<RiskFlag> fromBits(int bits) {
    Set<RiskFlag> out = EnumSet.noneOf(RiskFlag.class);
    for (RiskFlag f : RiskFlag.values()) {
      if ((bits & (1 << f.ordinal())) != 0) {
        out.add(f);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /** The text with everything between {@code <} and the next {@code >} replaced by a space. */
  static String withoutTags(String text) {
    if (text.indexOf('<') < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    boolean inTag = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inTag) {
        if (c == '>') {
          inTag = false;
          b.append(' ');
        }
      } else if (c == '<' && i + 1 < text.length() && isTagStart(text.charAt(i + 1))) {
        inTag = true;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isTagStart(char c) {
    return Character.isLetter(c) || c == '/' || c == '!';
  }

  private static List<String> words(String text) {
    String phrase = Normalizer.phrase(text);
    return phrase.isEmpty() ? List.of() : List.of(phrase.split(" "));
  }

  /** The first phrase of {@code phrases} found un-negated, in text order. */
  private static Optional<String> first(List<String> words, List<String> phrases) {
    List<String[]> split = split(phrases);
    for (int i = 0; i < words.size(); i++) {
      for (String[] p : split) {
        if (at(words, i, p) && !negated(words, i, p.length)) {
          return Optional.of(String.join(" ", p));
        }
      }
    }
    return Optional.empty();
  }

  /** A phrase of {@code a} within {@link #WINDOW} words of one of {@code b}, both un-negated. */
  private static Optional<String> near(List<String> words, List<String> a, List<String> b) {
    List<Integer> as = positions(words, split(a));
    List<Integer> bs = positions(words, split(b));
    for (int i : as) {
      // bs is ascending: the first position at or after i - WINDOW is the nearest candidate.
      int k = Collections.binarySearch(bs, i - WINDOW);
      k = k >= 0 ? k : -k - 1;
      if (k < bs.size() && bs.get(k) <= i + WINDOW) {
        int j = bs.get(k);
        int lo = Math.min(i, j);
        int hi = Math.min(words.size(), Math.max(i, j) + 1);
        return Optional.of("\"" + String.join(" ", words.subList(lo, hi)) + "\"");
      }
    }
    return Optional.empty();
  }

  /** {@code raises} followed within two words by an amount such as {@code 20m} or {@code 5bn}. */
  private static Optional<String> raisesAmount(List<String> words) {
    for (int i : positions(words, split(RAISES))) {
      for (int j = i + 1; j <= Math.min(words.size() - 1, i + 2); j++) {
        String w = words.get(j);
        if (isAmount(w)) {
          return Optional.of("\"" + words.get(i) + " " + w + "\"");
        }
      }
    }
    return Optional.empty();
  }

  /** Digits followed by a unit: {@code 20m}, {@code 5bn}, {@code 300k}. */
  private static boolean isAmount(String word) {
    int d = 0;
    while (d < word.length() && Character.isDigit(word.charAt(d))) {
      d++;
    }
    return d > 0 && Set.of("m", "mn", "bn", "b", "k").contains(word.substring(d));
  }

  private static List<Integer> positions(List<String> words, List<String[]> phrases) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      for (String[] p : phrases) {
        if (at(words, i, p) && !negated(words, i, p.length)) {
          out.add(i);
          break;
        }
      }
    }
    return out;
  }

  private static List<String[]> split(List<String> phrases) {
    return phrases.stream().map(p -> p.split(" ")).toList();
  }

  private static boolean at(List<String> words, int i, String[] phrase) {
    if (i + phrase.length > words.size()) {
      return false;
    }
    for (int k = 0; k < phrase.length; k++) {
      if (!words.get(i + k).equals(phrase[k])) {
        return false;
      }
    }
    return true;
  }

  private static boolean negated(List<String> words, int i, int length) {
    for (int k = Math.max(0, i - 2); k < i; k++) {
      if (NEGATIONS.contains(words.get(k))) {
        return true;
      }
    }
    int after = i + length;
    return after < words.size() && words.get(after).equals("free");
  }
}

package io.github.discoverysdk.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job title understood: its normalised words ({@code "VP, Sales"} and {@code "Vice President of
 * Sales"} are both {@code "vice president sales"}), its seniority and its functions. Immutable and
 * thread-safe.
 *
 * @param normalized folded words, abbreviations expanded ({@code VP}, {@code CRO}, {@code Sr.},
 *     {@code RevOps} …), filler words dropped
 * @param seniority the level the title speaks of
 * @param functions what the role is about, for example {@code sales} or {@code revenue operations}
 */
public record JobTitle(String normalized, Seniority seniority, Set<String> functions) {
  /** Levels of seniority, highest first. */
  public enum Seniority {
    /** Chief officers (CEO, CRO …) and presidents. */
    CHIEF,
    /** Vice presidents of any grade (AVP, VP, SVP, EVP). */
    VICE_PRESIDENT,
    /** "Head of …". */
    HEAD,
    DIRECTOR,
    MANAGER,
    /** Leads, principals, staff. */
    LEAD,
    /** Representatives, engineers, analysts, assistants … */
    INDIVIDUAL,
    UNKNOWN
  }

  private static final Map<String, List<String>> ABBREVIATIONS =
      Map.ofEntries(
          Map.entry("vp", List.of("vice", "president")),
          Map.entry("svp", List.of("senior", "vice", "president")),
          Map.entry("evp", List.of("executive", "vice", "president")),
          Map.entry("avp", List.of("assistant", "vice", "president")),
          Map.entry("vicepresident", List.of("vice", "president")),
          Map.entry("sr", List.of("senior")),
          Map.entry("snr", List.of("senior")),
          Map.entry("jr", List.of("junior")),
          Map.entry("ceo", List.of("chief", "executive", "officer")),
          Map.entry("cfo", List.of("chief", "financial", "officer")),
          Map.entry("cto", List.of("chief", "technology", "officer")),
          Map.entry("cro", List.of("chief", "revenue", "officer")),
          Map.entry("cmo", List.of("chief", "marketing", "officer")),
          Map.entry("coo", List.of("chief", "operating", "officer")),
          Map.entry("cio", List.of("chief", "information", "officer")),
          Map.entry("cdo", List.of("chief", "data", "officer")),
          Map.entry("cpo", List.of("chief", "product", "officer")),
          Map.entry("cco", List.of("chief", "commercial", "officer")),
          Map.entry("chro", List.of("chief", "human", "resources", "officer")),
          Map.entry("ciso", List.of("chief", "information", "security", "officer")),
          Map.entry("revops", List.of("revenue", "operations")),
          Map.entry("salesops", List.of("sales", "operations")),
          Map.entry("ops", List.of("operations")),
          Map.entry("eng", List.of("engineering")),
          Map.entry("mgr", List.of("manager")),
          Map.entry("dir", List.of("director")),
          Map.entry("hr", List.of("human", "resources")),
          Map.entry("bizdev", List.of("business", "development")),
          Map.entry("bd", List.of("business", "development")),
          Map.entry("sdr", List.of("sales", "development", "representative")),
          Map.entry("bdr", List.of("business", "development", "representative")),
          Map.entry("ae", List.of("account", "executive")));

  private static final Set<String> FILLER = Set.of("of", "the", "and", "for", "a", "an", "at");

  private static final Map<String, String> FUNCTION_WORDS =
      Map.ofEntries(
          Map.entry("sales", "sales"),
          Map.entry("selling", "sales"),
          Map.entry("revenue", "revenue"),
          Map.entry("commercial", "sales"),
          Map.entry("marketing", "marketing"),
          Map.entry("growth", "marketing"),
          Map.entry("demand", "marketing"),
          Map.entry("engineering", "engineering"),
          Map.entry("software", "engineering"),
          Map.entry("technology", "technology"),
          Map.entry("information", "technology"),
          Map.entry("it", "technology"),
          Map.entry("finance", "finance"),
          Map.entry("financial", "finance"),
          Map.entry("accounting", "finance"),
          Map.entry("operations", "operations"),
          Map.entry("operating", "operations"),
          Map.entry("people", "people"),
          Map.entry("human", "people"),
          Map.entry("talent", "people"),
          Map.entry("recruiting", "people"),
          Map.entry("product", "product"),
          Map.entry("data", "data"),
          Map.entry("analytics", "data"),
          Map.entry("security", "security"),
          Map.entry("success", "customer success"),
          Map.entry("partnerships", "partnerships"),
          Map.entry("alliances", "partnerships"),
          Map.entry("channel", "partnerships"),
          Map.entry("legal", "legal"),
          Map.entry("counsel", "legal"),
          Map.entry("procurement", "procurement"),
          Map.entry("purchasing", "procurement"));

  private static final Set<String> INDIVIDUAL =
      Set.of(
          "representative",
          "associate",
          "specialist",
          "coordinator",
          "engineer",
          "analyst",
          "assistant",
          "intern",
          "consultant",
          "developer",
          "designer",
          "recruiter",
          "executive",
          "administrator",
          "agent",
          "clerk");

  public JobTitle {
    functions = Set.copyOf(functions);
  }

  /** Reads a title as written: {@code "Sr. Director, RevOps"}, {@code "SVP Global Sales"}. */
  public static JobTitle parse(String title) {
    List<String> words = new ArrayList<>();
    for (String w : Normalizer.words(title)) {
      if (!FILLER.contains(w)) {
        words.addAll(ABBREVIATIONS.getOrDefault(w, List.of(w)));
      }
    }
    return new JobTitle(String.join(" ", words), seniority(words), functions(words));
  }

  private static Seniority seniority(List<String> w) {
    // "Executive Assistant to the VP of Sales" is not a vice president; an AVP is.
    if ((w.contains("assistant") && !isAvp(w)) || w.contains("intern")) {
      return Seniority.INDIVIDUAL;
    }
    if (w.contains("chief") || (w.contains("president") && !w.contains("vice"))) {
      return Seniority.CHIEF;
    }
    if (w.contains("vice") && w.contains("president")) {
      return Seniority.VICE_PRESIDENT;
    }
    if (w.contains("head")) {
      return Seniority.HEAD;
    }
    if (w.contains("director")) {
      return Seniority.DIRECTOR;
    }
    if (w.contains("manager")) {
      return Seniority.MANAGER;
    }
    if (w.contains("lead") || w.contains("principal") || w.contains("staff")) {
      return Seniority.LEAD;
    }
    for (String x : w) {
      if (INDIVIDUAL.contains(x)) {
        return Seniority.INDIVIDUAL;
      }
    }
    return Seniority.UNKNOWN;
  }

  private static boolean isAvp(List<String> w) {
    int a = w.indexOf("assistant");
    return a >= 0 && a + 1 < w.size() && w.get(a + 1).equals("vice");
  }

  private static Set<String> functions(List<String> w) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < w.size(); i++) {
      String f = FUNCTION_WORDS.get(w.get(i));
      if (f == null) {
        continue;
      }
      if (i + 1 < w.size()
          && w.get(i + 1).equals("operations")
          && (f.equals("sales") || f.equals("revenue") || f.equals("marketing"))) {
        out.add(f + " operations");
        i++;
        continue;
      }
      if (f.equals("sales") && i + 1 < w.size() && w.get(i + 1).equals("development")) {
        out.add("sales development");
        i++;
        continue;
      }
      out.add(f);
    }
    if (w.contains("business") && w.contains("development")) {
      out.add("partnerships");
    }
    if (w.contains("chief") && w.contains("executive")) {
      out.add("executive");
    }
    return out;
  }
}

package io.github.discoverysdk.session;

import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.session.catalogue.Question;
import io.github.discoverysdk.session.catalogue.QuestionType;
import io.github.discoverysdk.session.catalogue.Vendor;
import io.github.discoverysdk.session.catalogue.Vertical;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a session's answers say, computed from the answers and the catalogue alone, so that the same
 * session always gives the same insights, each with the reason behind it. Immutable.
 *
 * @param vendorsByCategory the catalogue vendors selected, by category id, in answer order
 * @param consolidation categories with more than one vendor, and vendors selected in more than one
 *     category: candidates for consolidation, each a sentence
 * @param gaps the vertical's questions left unanswered, and vendor categories with no vendor
 * @param maturity the score of the session's vertical, 0..100, with its reasons
 * @param alternatives for each selected vendor, up to {@link #MAX_ALTERNATIVES} other vendors of
 *     its categories that the account does not use, in catalogue order
 */
public record SessionInsights(
    Map<String, List<String>> vendorsByCategory,
    List<String> consolidation,
    List<String> gaps,
    Maturity maturity,
    Map<String, List<String>> alternatives) {
  /** Most alternatives named per vendor. */
  public static final int MAX_ALTERNATIVES = 5;

  /** The maturity of one vertical. */
  public record Maturity(String vertical, int score, List<String> reasons) {
    public Maturity {
      reasons = List.copyOf(reasons);
    }
  }

  public SessionInsights {
    vendorsByCategory = Map.copyOf(vendorsByCategory);
    consolidation = List.copyOf(consolidation);
    gaps = List.copyOf(gaps);
    alternatives = Map.copyOf(alternatives);
  }

  /** The insights of a session's answers. */
  public static SessionInsights of(Catalogue catalogue, SessionView view) {
    Vertical vertical = catalogue.vertical(view.session().vertical()).orElseThrow();
    Map<String, Response> byQuestion = new LinkedHashMap<>();
    view.responses().forEach(r -> byQuestion.put(r.questionId(), r));
    Map<String, List<String>> byCategory = new TreeMap<>();
    Map<String, List<String>> categoriesOfVendor = new TreeMap<>();
    List<String> gaps = new ArrayList<>();
    int answered = 0;
    int categories = 0;
    int covered = 0;
    for (Question q : vertical.questions()) {
      Optional<Response> r = Optional.ofNullable(byQuestion.get(q.id()));
      if (r.isPresent()) {
        answered++;
      } else {
        gaps.add("question " + q.id() + " is unanswered: " + q.text());
      }
      for (String category : q.categories()) {
        categories++;
        List<String> vendors = new ArrayList<>();
        for (String v : r.map(x -> x.answer().selected()).orElse(List.of())) {
          if (catalogue.vendor(v).filter(x -> x.in(category)).isPresent()) {
            vendors.add(v);
            categoriesOfVendor.computeIfAbsent(v, k -> new ArrayList<>()).add(category);
          }
        }
        if (vendors.isEmpty() && r.map(x -> x.answer().freeForm().isEmpty()).orElse(true)) {
          gaps.add("category " + category + " has no vendor");
        } else {
          covered++;
        }
        if (!vendors.isEmpty()) {
          byCategory.put(category, List.copyOf(vendors));
        }
      }
    }
    List<String> consolidation = new ArrayList<>();
    byCategory.forEach(
        (c, vs) -> {
          if (vs.size() > 1) {
            consolidation.add(vs.size() + " vendors in " + c + ": " + String.join(", ", vs));
          }
        });
    categoriesOfVendor.forEach(
        (v, cs) -> {
          if (cs.size() > 1) {
            consolidation.add(
                v + " is used in " + cs.size() + " categories: " + String.join(", ", cs));
          }
        });
    Map<String, List<String>> alternatives = new TreeMap<>();
    categoriesOfVendor.forEach(
        (v, cs) -> alternatives.put(v, alternatives(catalogue, v, cs, categoriesOfVendor)));
    int total = vertical.questions().size();
    int score =
        (int)
            Math.round(
                50.0 * answered / total + (categories == 0 ? 50 : 50.0 * covered / categories));
    List<String> reasons = new ArrayList<>();
    reasons.add(
        answered
            + " of "
            + total
            + " questions answered ("
            + Math.round(50.0 * answered / total)
            + " of 50 points)");
    if (categories > 0) {
      reasons.add(
          covered
              + " of "
              + categories
              + " vendor categories covered ("
              + Math.round(50.0 * covered / categories)
              + " of 50 points)");
    }
    boolean sized =
        vertical.questions().stream()
            .anyMatch(q -> q.type() == QuestionType.SIZING && byQuestion.containsKey(q.id()));
    reasons.add(sized ? "the estate is sized" : "the estate is not sized yet");
    return new SessionInsights(
        byCategory, consolidation, gaps, new Maturity(vertical.id(), score, reasons), alternatives);
  }

  private static List<String> alternatives(
      Catalogue catalogue, String vendor, List<String> categories, Map<String, List<String>> used) {
    List<String> out = new ArrayList<>();
    for (String c : categories) {
      for (Vendor v : catalogue.vendorsIn(c)) {
        if (out.size() >= MAX_ALTERNATIVES) {
          return List.copyOf(out);
        }
        if (!v.name().equals(vendor) && !used.containsKey(v.name()) && !out.contains(v.name())) {
          out.add(v.name());
        }
      }
    }
    return List.copyOf(out);
  }
}

package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MatchKind;

/**
 * Finds the profiles' target titles in a job title: the exact title, a title inside a longer one at
 * the same seniority, and the seniority and function of a title ("VP Sales" for "Head of Sales").
 * Per-thread scratch of a {@link Scan}; reads the {@link TermIndex}'s title tables.
 */
final class TitleMatcher {
  private final TermIndex terms;
  private final Candidates candidates;

  TitleMatcher(TermIndex terms, Candidates candidates) {
    this.terms = terms;
    this.candidates = candidates;
  }

  /**
   * Offers the target titles, and the seniority and function of titles, that {@code candidate}
   * holds.
   */
  void matchTitle(String candidate, EvidenceField f, int start, int end) {
    if (terms.titles.isEmpty()) {
      return;
    }
    JobTitle jt = JobTitle.parse(candidate);
    if (jt.normalized().isEmpty()) {
      return;
    }
    int seniority = jt.seniority().ordinal();
    Bucket exact = terms.titles.get(jt.normalized());
    if (exact != null) {
      for (int k = 0; k < exact.count; k++) {
        candidates.offer(
            exact, k, MatchKind.EXACT, 0.9, f, start, end, candidate, false, "title-exact");
      }
    }
    String[] ws = jt.normalized().split(" ");
    StringBuilder b = new StringBuilder();
    for (int from = 0; from < ws.length; from++) {
      b.setLength(0);
      // Runs no longer than the longest indexed title: the cost stays linear in the title's
      // length (a person's title of 4,000 words took 19 s when every run was looked up).
      for (int to = from; to < ws.length && to - from < terms.longestTitle; to++) {
        if (to > from) {
          b.append(' ');
        }
        b.append(ws[to]);
        if (from == 0 && to == ws.length - 1) {
          continue;
        }
        Bucket within = terms.titles.get(b.toString());
        if (within == null) {
          continue;
        }
        for (int k = 0; k < within.count; k++) {
          // "Executive Assistant to the VP of Sales" holds the words but not the role.
          int flags = within.flags(k);
          if (flags == seniority || flags == JobTitle.Seniority.UNKNOWN.ordinal()) {
            candidates.offer(
                within, k, MatchKind.EXACT, 0.8, f, start, end, candidate, false, "title-contains");
          }
        }
      }
    }
    if (jt.seniority() == JobTitle.Seniority.UNKNOWN) {
      return;
    }
    for (String function : jt.functions()) {
      candidates.keyed(
          terms.titleRoles,
          TermIndex.roleKey(jt.seniority(), function),
          0.75,
          f,
          start,
          end,
          candidate,
          "title-role");
      JobTitle.Seniority near =
          switch (jt.seniority()) {
            case HEAD -> JobTitle.Seniority.VICE_PRESIDENT;
            case VICE_PRESIDENT -> JobTitle.Seniority.HEAD;
            default -> null;
          };
      if (near != null) {
        candidates.keyed(
            terms.titleRoles,
            TermIndex.roleKey(near, function),
            0.6,
            f,
            start,
            end,
            candidate,
            "title-related");
      }
    }
  }
}

package io.github.discoverysdk.draft;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks every {@link DraftStore} makes of {@link DraftStore#append}, with one wording, for the
 * in-memory and JDBC stores. Not API: its methods may change. Stateless and thread-safe.
 */
public final class DraftBatches {
  private DraftBatches() {}

  /**
   * Refuses a batch of more than {@link DraftStore#MAX_BATCH} drafts or one naming a card and
   * channel twice.
   */
  public static void check(List<Draft> drafts) {
    if (drafts.size() > DraftStore.MAX_BATCH) {
      throw new ValidationException(
          "drafts must hold at most "
              + DraftStore.MAX_BATCH
              + " drafts per call, held "
              + drafts.size());
    }
    Set<List<Object>> keys = new HashSet<>();
    for (Draft d : drafts) {
      if (!keys.add(List.of(d.opportunityId(), d.channel()))) {
        throw new ValidationException(
            "drafts must not name a card and channel twice, named "
                + d.opportunityId()
                + " "
                + d.channel());
      }
    }
  }

  /**
   * The first match of each card of a {@link DraftStore#recordMatches} batch, in order, at version
   * 1; refuses more than {@link DraftStore#MAX_MATCHES}, two tenants and a version other than 0.
   */
  public static List<PlaybookMatch> firstMatches(List<PlaybookMatch> matches) {
    if (matches.size() > DraftStore.MAX_MATCHES) {
      throw new ValidationException(
          "matches must hold at most "
              + DraftStore.MAX_MATCHES
              + " per call, held "
              + matches.size());
    }
    java.util.Map<io.github.discoverysdk.model.OpportunityId, PlaybookMatch> firsts =
        new java.util.LinkedHashMap<>();
    for (PlaybookMatch m : matches) {
      java.util.Objects.requireNonNull(m, "matches must not contain null");
      if (!firsts.isEmpty() && !firsts.keySet().iterator().next().tenant().equals(m.tenant())) {
        throw new ValidationException("matches must be of one tenant, got " + m.opportunityId());
      }
      if (m.version() != 0) {
        throw new ValidationException(
            "a recorded match must be at version 0, was "
                + m.version()
                + " for "
                + m.opportunityId());
      }
      firsts.putIfAbsent(m.opportunityId(), PlaybookMatch.builder().from(m).version(1).build());
    }
    return List.copyOf(firsts.values());
  }

  /** The error of a draft whose version does not follow {@code latest}, the stored one. */
  public static ConcurrentUpdateException stale(Draft d, long latest) {
    return new ConcurrentUpdateException(
        "draft "
            + d.opportunityId()
            + " "
            + d.channel()
            + " is at version "
            + latest
            + ", so version "
            + d.version()
            + " cannot follow: read it again");
  }
}

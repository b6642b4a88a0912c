package io.github.discoverysdk;

import static io.github.discoverysdk.AccessMatrixRows.row;
import static io.github.discoverysdk.AccessWorld.SYS;
import static io.github.discoverysdk.access.Permission.FEED_READ;
import static io.github.discoverysdk.access.Permission.REVIEW_REFINE;

import io.github.discoverysdk.AccessMatrixRows.Reach;
import io.github.discoverysdk.AccessWorld.Target;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.review.ReviewState;
import java.util.Optional;

/** The access matrix rows of {@link SecuredDrafts}, added to {@link AccessMatrixRows#ROWS}. */
final class AccessMatrixDraftRows {
  private AccessMatrixDraftRows() {}

  /** The target's card, with drafts written by a trusted system call. */
  private static OpportunityId drafted(AccessWorld w, Target t) {
    OpportunityId id = w.opportunity(t).id();
    w.system.drafts().generate(SYS, id, Optional.empty());
    return id;
  }

  static void add() {
    row(
        "drafts.findMatch",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) -> se.drafts().findMatch(drafted(w, t)).isPresent());
    row(
        "drafts.match",
        REVIEW_REFINE,
        Reach.SCOPED,
        (se, w, t) -> se.drafts().match(w.opportunity(t).id()).isPresent());
    row(
        "drafts.generate",
        REVIEW_REFINE,
        Reach.SCOPED,
        (se, w, t) -> se.drafts().generate(w.opportunity(t).id(), Optional.empty()).size() == 3);
    row(
        "drafts.versions",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) -> !se.drafts().versions(drafted(w, t), Channel.EMAIL).isEmpty());
    row(
        "drafts.latest",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) -> se.drafts().latest(drafted(w, t)).size() == 3);
    row(
        "drafts.edit",
        REVIEW_REFINE,
        Reach.SCOPED,
        (se, w, t) ->
            se.drafts()
                    .edit(w.opportunity(t).id(), Channel.EMAIL, 0, 1, "Hi, a word.")
                    .card()
                    .state()
                == ReviewState.PENDING_REVIEW);
  }
}

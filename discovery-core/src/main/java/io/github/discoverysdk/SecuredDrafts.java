package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftContact;
import io.github.discoverysdk.draft.DraftEdit;
import io.github.discoverysdk.draft.Drafts;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import java.util.List;
import java.util.Optional;

/**
 * Playbooks and outreach drafts of cards as one principal sees them ({@link
 * SecuredEngine#drafts()}): a card's playbook match, generating its drafts, their versions, and
 * editing one through review's refine. A card belongs to its account's owner and team. Each call
 * needs the permission its documentation names over the card; changes are audited by {@link
 * Drafts}. Immutable and thread-safe.
 */
public final class SecuredDrafts {
  private final Drafts drafts;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;

  SecuredDrafts(EngineParts parts, Principal principal, Actor actor) {
    this.drafts = parts.drafts();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
  }

  /** The card's stored playbook match ({@link Drafts#findMatch}). Needs {@code FEED_READ}. */
  public Optional<PlaybookMatch> findMatch(OpportunityId id) {
    guard.opportunity(principal, actor, FEED_READ, id);
    guard.viewed(actor, id.tenant(), Guard.OPPORTUNITY, id.value());
    return drafts.findMatch(id);
  }

  /** Matches the card's playbook now ({@link Drafts#match}). Needs {@code REVIEW_REFINE}. */
  public Optional<PlaybookMatch> match(OpportunityId id) {
    guard.opportunity(principal, actor, REVIEW_REFINE, id);
    return drafts.match(actor, id);
  }

  /**
   * Writes the card's drafts with the configured generator ({@link Drafts#generate}). Needs {@code
   * REVIEW_REFINE}.
   */
  public List<Draft> generate(OpportunityId id, Optional<DraftContact> contact) {
    guard.opportunity(principal, actor, REVIEW_REFINE, id);
    return drafts.generate(actor, id, contact);
  }

  /** The versions of the card's draft on a channel, oldest first. Needs {@code FEED_READ}. */
  public List<Draft> versions(OpportunityId id, Channel channel) {
    guard.opportunity(principal, actor, FEED_READ, id);
    guard.viewed(actor, id.tenant(), Guard.OPPORTUNITY, id.value());
    return drafts.versions(id, channel);
  }

  /** The latest draft of each channel of the card. Needs {@code FEED_READ}. */
  public List<Draft> latest(OpportunityId id) {
    guard.opportunity(principal, actor, FEED_READ, id);
    guard.viewed(actor, id.tenant(), Guard.OPPORTUNITY, id.value());
    return drafts.latest(id);
  }

  /**
   * Edits a draft and returns the card to review ({@link Drafts#edit}). Needs {@code
   * REVIEW_REFINE}.
   */
  public DraftEdit edit(
      OpportunityId id, Channel channel, long draftVersion, long cardVersion, String text) {
    guard.opportunity(principal, actor, REVIEW_REFINE, id);
    return drafts.edit(actor, id, channel, draftVersion, cardVersion, text);
  }
}

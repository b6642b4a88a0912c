package io.github.discoverysdk.draft;

import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import java.util.List;
import java.util.Optional;

/**
 * The playbook matches and draft versions of cards ({@code Storage.drafts()}). Every method names
 * its tenant through the {@link OpportunityId} it takes or the values it writes, and never returns
 * another tenant's rows. Implementations must be thread-safe and pass the {@code StorageContract}
 * suite of {@code discovery-testkit}.
 */
public interface DraftStore {
  /** Most drafts {@link #append} takes per call. */
  int MAX_BATCH = 10;

  /** The playbook the card matched, if it was matched. */
  Optional<PlaybookMatch> findMatch(OpportunityId id);

  /**
   * Saves the card's match and returns it at the next version: its {@link PlaybookMatch#version()}
   * must be the stored one (0 for a card never matched).
   *
   * @throws io.github.discoverysdk.ConcurrentUpdateException if it is not; nothing is written
   */
  PlaybookMatch saveMatch(PlaybookMatch match);

  /** Most matches {@link #recordMatches} takes per call. */
  int MAX_MATCHES = 10_000;

  /**
   * Stores the matches of cards never matched, at version 1, in a number of statements that does
   * not grow with the batch (the run records the playbook each new card matches, in the batch's
   * transaction); a card already matched keeps its stored match, so a re-run neither duplicates nor
   * overwrites one. Of matches of the same card in one call, the first is taken. Returns the
   * matches stored, in order.
   *
   * @throws io.github.discoverysdk.ValidationException if {@code matches} holds more than {@link
   *     #MAX_MATCHES}, matches of two tenants, or a match whose version is not 0
   */
  List<PlaybookMatch> recordMatches(List<PlaybookMatch> matches);

  /**
   * Appends draft versions, all or nothing: each must be version {@code n + 1} of its card and
   * channel, where {@code n} is the latest stored (0 when there is none).
   *
   * @throws io.github.discoverysdk.ConcurrentUpdateException if a version is taken or skips one
   * @throws io.github.discoverysdk.ValidationException if {@code drafts} holds more than {@link
   *     #MAX_BATCH} or names a card and channel twice
   */
  List<Draft> append(List<Draft> drafts);

  /** The versions of the card's draft on {@code channel}, oldest first. */
  List<Draft> versions(OpportunityId id, Channel channel);

  /** The latest version of the card's draft on each channel that has one, in channel order. */
  List<Draft> latest(OpportunityId id);
}

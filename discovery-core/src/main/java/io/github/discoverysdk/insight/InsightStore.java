package io.github.discoverysdk.insight;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.model.OpportunityId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the run recorded about each card ({@link CardInsight}) and the read models over it: {@code
 * Storage.insight()}. A record goes with its opportunity (deleting the opportunity, or its profile,
 * deletes it). A card's scope is its account's owner and team, looked up at query time as for
 * review cards: a card without an account is seen only by a whole-tenant scope. Each read model is
 * answered in one query, with the scope applied inside it. Thread-safe, as every store is.
 */
public interface InsightStore {
  /** Most records one {@link #recordAll} takes. */
  int MAX_BATCH = 10_000;

  /** Most cards a health view lists for a flag or as top open cards. */
  int MAX_LISTED = 100;

  /**
   * Inserts the records whose opportunity has none yet, in a number of statements that does not
   * grow with the batch; a record already stored keeps its first timing, and takes the new record's
   * account only if it had none (a card attached to an account created after it). The run calls it
   * once per batch, in the batch's transaction. Of records of the same opportunity in one batch,
   * the first is taken. The records are {@linkplain #refresh refreshed} in the same call.
   *
   * @throws io.github.discoverysdk.ValidationException if a record's opportunity does not exist, or
   *     the batch holds more than {@link #MAX_BATCH}
   */
  void recordAll(List<CardInsight> records);

  /**
   * Copies onto the records of these opportunities (all of one tenant) what the read models need of
   * their opportunity, review card and feedback as they are now: score band and total, urgency,
   * status, review state with its submission and decision times, the last feedback time and the
   * signal key. Every writer of those calls it in its own transaction, after its write, so that
   * {@link #inboxStats} and {@link #accountHealth} read the records alone (SQL stores keep the copy
   * on the record's row; a store that joins at query time may do nothing). Opportunities without a
   * record are skipped. One statement per {@link #MAX_BATCH} ids at most, whatever their number.
   *
   * @throws io.github.discoverysdk.ValidationException if the ids are of more than one tenant
   */
  void refresh(java.util.Collection<OpportunityId> ids);

  /** The record of {@code id}, if the run recorded one and the opportunity still exists. */
  Optional<CardInsight> find(OpportunityId id);

  /**
   * The health of {@code accountId} over the {@code weeks} weeks before {@code now}: distinct
   * signals published per week, its cards with a risk flag published in those weeks (newest first,
   * at most {@code listed}), its {@code listed} open cards of highest score (ties by id), and its
   * last review decision or feedback. Empty when the account is not in {@code scope} or does not
   * exist.
   *
   * @param weeks 2 to {@link AccountHealth#MAX_WEEKS}
   * @param listed 0 to {@link #MAX_LISTED}
   */
  Optional<AccountHealth> accountHealth(
      String tenant, AccessScope scope, String accountId, Instant now, int weeks, int listed);

  /**
   * The figures of the cards in {@code scope} created at {@code from <= cardedAt < to}; {@code
   * weekStart} starts "this week" for {@link InboxStats#newThisWeek()}.
   */
  InboxStats inboxStats(
      String tenant, AccessScope scope, Instant from, Instant to, Instant weekStart);

  /** The tenant's figures over the cards created at {@code from <= cardedAt < to}. */
  Dashboard dashboard(String tenant, Instant from, Instant to);

  /**
   * The cards in {@code scope} that pass {@code query}, in its order, after {@code after} if given,
   * at most {@code limit}.
   */
  List<CardSummary> inbox(
      String tenant, AccessScope scope, InboxQuery query, Optional<InboxCursor> after, int limit);
}

package io.github.discoverysdk;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.Optional;

/**
 * What a review escalation's alert says beyond its opportunity: who it is for, looked up when it is
 * delivered (the manager of the card's account, else the account's owner, else the profile's
 * owner), so that a reassignment before delivery reaches the new manager; and when the card entered
 * review, from the outbox entry's dedupe key, which the escalation wrote. Stateless.
 */
final class EscalationAlerts {
  private EscalationAlerts() {}

  static Alert.Builder complete(
      Alert.Builder alert, Storage storage, OutboxEntry entry, Profile profile) {
    Optional<Account> account =
        entry
            .opportunityId()
            .flatMap(storage.reviews()::find)
            .flatMap(c -> c.accountId())
            .flatMap(id -> storage.accounts().find(entry.tenant(), id));
    String recipient = account.map(a -> a.manager().orElse(a.owner())).orElse(profile.owner());
    return alert
        .kind(AlertKind.REVIEW_ESCALATION)
        .recipient(recipient)
        .pendingSince(pendingSince(entry.dedupeKey()));
  }

  /** The last {@code |}-separated part of the key, epoch milliseconds; empty if it is not one. */
  static Optional<Instant> pendingSince(String dedupeKey) {
    try {
      return Optional.of(
          Instant.ofEpochMilli(
              Long.parseLong(dedupeKey.substring(dedupeKey.lastIndexOf('|') + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

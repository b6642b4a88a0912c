package io.github.discoverysdk.draft;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.playbook.Playbook;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a {@link DraftGenerator} writes drafts from: the card's opportunity (its evidence and
 * timing), the matched playbook, the card's account and the contact, if known. Immutable and
 * thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface DraftRequest {
  Opportunity opportunity();

  Playbook playbook();

  Optional<Account> account();

  Optional<DraftContact> contact();

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DraftRequest}. */
  final class Builder extends ImmutableDraftRequest.Builder {}
}

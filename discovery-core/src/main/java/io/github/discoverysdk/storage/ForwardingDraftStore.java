package io.github.discoverysdk.storage;

import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DraftStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingDraftStore implements DraftStore {
  private final DraftStore delegate;

  protected ForwardingDraftStore(DraftStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected DraftStore delegate() {
    return delegate;
  }

  @Override
  public Optional<PlaybookMatch> findMatch(OpportunityId id) {
    return delegate.findMatch(id);
  }

  @Override
  public PlaybookMatch saveMatch(PlaybookMatch match) {
    return delegate.saveMatch(match);
  }

  @Override
  public List<PlaybookMatch> recordMatches(List<PlaybookMatch> matches) {
    return delegate.recordMatches(matches);
  }

  @Override
  public List<Draft> append(List<Draft> drafts) {
    return delegate.append(drafts);
  }

  @Override
  public List<Draft> versions(OpportunityId id, Channel channel) {
    return delegate.versions(id, channel);
  }

  @Override
  public List<Draft> latest(OpportunityId id) {
    return delegate.latest(id);
  }
}

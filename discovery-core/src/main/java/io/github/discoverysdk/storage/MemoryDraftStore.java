package io.github.discoverysdk.storage;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The drafts of an {@link InMemoryStorage}: matches by opportunity id, and the versions of each
 * (opportunity, channel) by version number. Opportunity ids carry their tenant, so no read crosses
 * tenants. Thread-safe: every method runs under the state's lock, and every write goes through
 * {@link MemoryState#put}, so a rollback restores both maps.
 */
final class MemoryDraftStore implements DraftStore {
  private final MemoryState state;
  private final Map<OpportunityId, PlaybookMatch> matches = new HashMap<>();
  private final Map<Key, Draft> drafts = new HashMap<>();
  private final Map<Key, Long> latest = new HashMap<>();

  MemoryDraftStore(MemoryState state) {
    this.state = state;
  }

  /** A draft's card and channel; {@code version} is 0 in keys of {@link #latest}. */
  private record Key(OpportunityId id, Channel channel, long version) {}

  @Override
  public Optional<PlaybookMatch> findMatch(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return state.read(() -> Optional.ofNullable(matches.get(id)));
  }

  @Override
  public PlaybookMatch saveMatch(PlaybookMatch match) {
    Objects.requireNonNull(match, "match");
    return state.write(
        () -> {
          PlaybookMatch stored = matches.get(match.opportunityId());
          MemoryState.checkVersion(
              "playbook match",
              match.opportunityId(),
              match.version(),
              stored,
              PlaybookMatch::version);
          PlaybookMatch saved =
              PlaybookMatch.builder().from(match).version(match.version() + 1).build();
          state.put(matches, match.opportunityId(), saved);
          return saved;
        });
  }

  @Override
  public List<Draft> append(List<Draft> batch) {
    List<Draft> copy = List.copyOf(batch);
    checkBatch(copy);
    return state.write(
        () -> {
          for (Draft d : copy) {
            Key last = new Key(d.opportunityId(), d.channel(), 0);
            long n = latest.getOrDefault(last, 0L);
            if (d.version() != n + 1) {
              throw stale(d, n);
            }
            state.put(drafts, new Key(d.opportunityId(), d.channel(), d.version()), d);
            state.put(latest, last, d.version());
          }
          return copy;
        });
  }

  /** The checks every store makes of a batch before writing. */
  static void checkBatch(List<Draft> drafts) {
    if (drafts.size() > MAX_BATCH) {
      throw new ValidationException(
          "drafts must hold at most " + MAX_BATCH + " drafts per call, held " + drafts.size());
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

  /** The error of a draft whose version is not the one after {@code latest}. */
  static ConcurrentUpdateException stale(Draft d, long latest) {
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

  @Override
  public List<Draft> versions(OpportunityId id, Channel channel) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    return state.read(
        () -> {
          long n = latest.getOrDefault(new Key(id, channel, 0), 0L);
          List<Draft> out = new ArrayList<>((int) n);
          for (long v = 1; v <= n; v++) {
            out.add(drafts.get(new Key(id, channel, v)));
          }
          return List.copyOf(out);
        });
  }

  @Override
  public List<Draft> latest(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return state.read(
        () -> {
          List<Draft> out = new ArrayList<>();
          for (Channel c : Channel.values()) {
            Long n = latest.get(new Key(id, c, 0));
            if (n != null) {
              out.add(drafts.get(new Key(id, c, n)));
            }
          }
          return List.copyOf(out);
        });
  }
}

package io.github.discoverysdk.storage;

import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftBatches;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  public List<PlaybookMatch> recordMatches(List<PlaybookMatch> batch) {
    List<PlaybookMatch> copy = DraftBatches.firstMatches(batch);
    return state.write(
        () -> {
          List<PlaybookMatch> out = new ArrayList<>();
          for (PlaybookMatch m : copy) {
            if (!matches.containsKey(m.opportunityId())) {
              state.put(matches, m.opportunityId(), m);
              out.add(m);
            }
          }
          return List.copyOf(out);
        });
  }

  @Override
  public List<Draft> append(List<Draft> batch) {
    List<Draft> copy = List.copyOf(batch);
    DraftBatches.check(copy);
    return state.write(
        () -> {
          for (Draft d : copy) {
            Key last = new Key(d.opportunityId(), d.channel(), 0);
            long n = latest.getOrDefault(last, 0L);
            if (d.version() != n + 1) {
              throw DraftBatches.stale(d, n);
            }
            state.put(drafts, new Key(d.opportunityId(), d.channel(), d.version()), d);
            state.put(latest, last, d.version());
          }
          return copy;
        });
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

package io.github.discoverysdk.benchmarks.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.benchmarks.matching.MatchingPeers.LucenePresearcher;
import io.github.discoverysdk.benchmarks.matching.MatchingPeers.Peer;
import io.github.discoverysdk.model.Signal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchingPeersAgreementTest {
  @Test
  void everyPeerFindsTheSameProfilesOnExactMentions() {
    MatchingWorkload w = new MatchingWorkload(300, 30, 2_000, 7);
    List<Set<String>> expected;
    try (Peer naive = MatchingPeers.naiveLoop(w.profiles())) {
      expected = w.signals().stream().map(naive::match).toList();
    }
    assertThat(expected).anySatisfy(s -> assertThat(s).isNotEmpty());
    assertThat(w.averageSignalBytes()).isBetween(2_800.0, 3_400.0);

    for (Peer peer :
        List.of(
            MatchingPeers.profileIndex(w.profiles()),
            MatchingPeers.ahoCorasick(w.profiles()),
            MatchingPeers.luceneMonitor(w.profiles(), LucenePresearcher.TERM_FILTERED),
            MatchingPeers.luceneMonitor(w.profiles(), LucenePresearcher.MULTIPASS))) {
      try (peer) {
        for (int i = 0; i < w.signals().size(); i++) {
          Signal s = w.signals().get(i);
          assertThat(peer.match(s)).as("signal %d", i).isEqualTo(expected.get(i));
        }
      }
    }
  }
}

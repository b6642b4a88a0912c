package io.github.discoverysdk.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IncrementalIndexTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void puttingAProfileReplacesItsTermsWithoutTouchingOthers() {
    ProfileIndex index = ProfileIndex.empty();
    index.put(profile("a", "Databricks"));
    index.put(profile("b", "Databricks"));

    index.put(profile("a", "Snowflake Computing"));

    assertThat(index.match(signal("Databricks raises funding")).keySet())
        .containsExactly(ProfileId.of("t", "b"));
    assertThat(index.match(signal("Snowflake Computing raises funding")).keySet())
        .containsExactly(ProfileId.of("t", "a"));
    assertThat(index.profileCount()).isEqualTo(2);
  }

  @Test
  void removingAProfileTakesOutItsNamesAliasesAndTypoNeighbours() {
    ProfileIndex index = ProfileIndex.empty();
    index.put(profile("a", "Databricks"));

    assertThat(index.match(signal("Analysts met Databriks executives on Monday"))).isNotEmpty();
    assertThat(index.remove(ProfileId.of("t", "a"))).isTrue();
    assertThat(index.remove(ProfileId.of("t", "a"))).isFalse();

    assertThat(index.match(signal("Databricks raises funding"))).isEmpty();
    assertThat(index.match(signal("Analysts met Databriks executives on Monday"))).isEmpty();
    assertThat(index.contains(ProfileId.of("t", "a"))).isFalse();
  }

  @Test
  void disablingAProfileRemovesIt() {
    ProfileIndex index = ProfileIndex.of(List.of(profile("a", "Databricks")));
    index.put(Profile.builder().from(profile("a", "Databricks")).enabled(false).build());
    assertThat(index.profileCount()).isZero();
  }

  @Test
  void matchingStaysConsistentWhileProfilesAreUpdatedConcurrently() throws Exception {
    ProfileIndex index = ProfileIndex.empty();
    index.put(profile("stable", "Databricks"));
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  while (!stop.get()) {
                    assertThat(index.match(signal("Databricks and Rivalco sign a deal")))
                        .containsKey(ProfileId.of("t", "stable"));
                    checked++;
                  }
                  return checked;
                }));
      }
      for (int i = 0; i < 2_000; i++) {
        index.put(profile("p" + (i % 50), "Rivalco " + i, "Databricks"));
        if (i % 3 == 0) {
          index.remove(ProfileId.of("t", "p" + (i % 50)));
        }
      }
      stop.set(true);
      for (Future<Integer> f : readers) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(index.match(signal("Databricks news")).keySet())
        .contains(ProfileId.of("t", "stable"));
  }

  private static Profile profile(String id, String... companies) {
    Profile.Builder b = Profile.builder().tenant("t").id(ProfileId.of("t", id)).owner("u").name(id);
    for (String c : companies) {
      b.addWatchlist(Company.of(c));
    }
    return b.build();
  }

  private static Signal signal(String title) {
    return Signal.builder()
        .key(SignalKey.of("s", title))
        .type(SignalType.NEWS)
        .title(title)
        .publishedAt(NOW)
        .observedAt(NOW)
        .build();
  }
}

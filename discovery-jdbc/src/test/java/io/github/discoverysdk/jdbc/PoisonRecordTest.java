package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One poison record must not stop a source: a page of ten records, one of which has a title holding
 * the NUL character (legal in JSON and in Java, refused by PostgreSQL), stores the nine good ones,
 * counts the poison once as rejected (naming the field), moves the watermark past the page, and the
 * next run does not fetch the poison again. The same on every storage.
 */
class PoisonRecordTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:30:00Z");
  private static final String TENANT = "acme";

  /** Scores by the best match alone: enough here, where what is stored is under test. */
  private static final Scorer SCORER =
      input -> {
        double best = 100 * input.matches().stream().mapToDouble(Match::confidence).max().orElse(0);
        double total = Math.round(best * 100) / 100.0;
        return Score.builder()
            .total(total)
            .strength(SignalStrength.MEDIUM)
            .addFactors(ScoreFactor.of("match", total, 1.0, total, "best match"))
            .build();
      };

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "h2", "postgres", "mariadb"})
  void aNulInOneTitleRejectsThatRecordAloneAndTheSourceMovesOn(String store) throws Exception {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < 10; i++) {
      String title = i == 4 ? "Stripe \\u0000 poison" : "Stripe raises round " + i;
      json.append(
          String.format(
              "{\"id\": \"n-%d\", \"type\": \"FUNDING\", \"title\": \"%s\", \"publishedAt\":"
                  + " \"2026-11-20T00:00:%02dZ\", \"organizations\": [{\"name\": \"Stripe\","
                  + " \"role\": \"SUBJECT\"}]}%s%n",
              i, title, i, i < 9 ? "," : ""));
    }
    Files.writeString(dir.resolve("page.json"), json.append("]\n"), StandardCharsets.UTF_8);
    RecordingSource source = new RecordingSource(JsonFileSource.fromDirectory("news", dir));

    try (TestDatabase db = database(store)) {
      Storage storage =
          db == null
              ? InMemoryStorage.create()
              : JdbcStorage.builder().dataSource(db.dataSource()).build();
      try (DiscoveryEngine engine =
          DiscoveryEngine.builder()
              .allowSystemCalls()
              .storage(storage)
              .addSource(source)
              .scorer(SCORER)
              .clock(MutableClock.at(T0))
              .build()) {
        Profile profile =
            engine
                .profiles()
                .save(
                    Profile.builder()
                        .tenant(TENANT)
                        .id(ProfileId.of(TENANT, "p"))
                        .owner("u")
                        .name("Stripe watch")
                        .addWatchlist(Company.of("Stripe"))
                        .build());

        RunReport first = engine.discover(profile.id());

        assertThat(first.errors()).as("errors of the first run").isEmpty();
        assertThat(first.recordsRejected()).isEqualTo(1);
        assertThat(first.sources())
            .filteredOn(s -> s.sourceId().equals("news"))
            .singleElement()
            .extracting(SourceStats::recordsRejected)
            .isEqualTo(1);
        assertThat(first.signalsFetched()).isEqualTo(9);
        for (int i = 0; i < 10; i++) {
          Optional<Signal> stored = storage.signals().find(TENANT, SignalKey.of("news", "n-" + i));
          assertThat(stored.isPresent()).as("signal n-%d stored", i).isEqualTo(i != 4);
        }
        assertThat(first.opportunitiesNew()).isEqualTo(9);
        assertThat(source.rejections).singleElement().asString().contains("signal.title", "NUL");

        RunReport second = engine.discover(profile.id());

        // The watermark moved past the page: the next run asks from there and gets nothing new,
        // so the poison is neither fetched nor counted again.
        assertThat(source.cursors).hasSize(2);
        assertThat(source.cursors.get(0)).isEmpty();
        assertThat(source.cursors.get(1)).isPresent();
        assertThat(second.errors()).isEmpty();
        assertThat(second.recordsRejected()).isZero();
        assertThat(second.signalsFetched()).isZero();
      }
    }
  }

  private static TestDatabase database(String store) throws Exception {
    return switch (store) {
      case "memory" -> null;
      case "h2" -> TestDatabase.h2();
      case "postgres" -> TestDatabase.postgres();
      case "mariadb" -> TestDatabase.mariaDb();
      default -> throw new IllegalArgumentException(store);
    };
  }

  /** Passes every call to a source, noting the cursors asked for and the records rejected. */
  private static final class RecordingSource implements SignalSource {
    final SignalSource delegate;
    final List<Optional<String>> cursors = new CopyOnWriteArrayList<>();
    final List<String> rejections = new CopyOnWriteArrayList<>();

    RecordingSource(SignalSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public SourceCapabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public SourceResult fetch(SourceRequest request, SourceContext context) throws Exception {
      cursors.add(request.cursor());
      SourceResult result = delegate.fetch(request, context);
      result.rejected().forEach(r -> rejections.add(r.recordId() + ": " + r.reason()));
      return result;
    }
  }
}

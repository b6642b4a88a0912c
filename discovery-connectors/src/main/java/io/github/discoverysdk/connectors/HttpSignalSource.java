package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the HTTP sources share: mapping records one by one (a malformed record becomes a {@link
 * RejectedRecord}, never a failed fetch), ordering by change time, the request's limit and the
 * incremental cursor. Subclasses read one response into {@link Page}s. Thread-safe when the
 * subclass is.
 */
abstract class HttpSignalSource implements SignalSource {
  protected final String id;
  protected final HttpToolkit http;

  HttpSignalSource(String id, HttpToolkit http) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new ValidationException("source id must not be blank");
    }
    this.id = id;
    this.http = Objects.requireNonNull(http, "http toolkit");
  }

  @Override
  public final String id() {
    return id;
  }

  /** Records of one response, already mapped. */
  static final class Page {
    final List<Mapped> records = new ArrayList<>();
    final List<RejectedRecord> rejected = new ArrayList<>();
    boolean cacheHit;

    /**
     * Set by sources whose records carry no change time: a fingerprint of the whole response. The
     * cursor is then that fingerprint, and an unchanged response returns nothing.
     */
    String snapshot;

    /**
     * Maps one record; an exception of the mapping rejects that record with its message, naming the
     * field.
     */
    void add(String recordId, MappingStep step) {
      try {
        Mapped m = step.map();
        if (m != null) {
          records.add(m);
        }
      } catch (RuntimeException e) {
        rejected.add(RejectedRecord.of(recordId, String.valueOf(e.getMessage())));
      }
    }

    /**
     * Maps every record of a JSON array with {@code map}; a record is named by its {@code id}, else
     * by {@code "#"} and its position plus {@code offset}.
     */
    void addEach(JsonNode array, int offset, Function<JsonNode, Mapped> map) {
      int i = 0;
      for (JsonNode record : array) {
        String recordId = Json.text(record, "id").orElse("#" + (offset + i));
        i++;
        add(recordId, () -> map.apply(record));
      }
    }
  }

  /** Maps one record; returns null to skip a record that is not a signal (not an error). */
  @FunctionalInterface
  interface MappingStep {
    Mapped map();
  }

  /** A mapped record: its signal and the time it last changed, for the cursor. */
  record Mapped(Signal signal, Instant changedAt) {}

  /** Reads the records for a request. */
  abstract Page read(SourceRequest request, SourceContext context) throws Exception;

  @Override
  public SourceResult fetch(SourceRequest request, SourceContext context) throws Exception {
    Page page = read(request, context);
    if (page.snapshot != null) {
      return snapshot(page, request);
    }
    Cursors cursor = Cursors.parse(request.cursor());
    List<Mapped> fresh = new ArrayList<>();
    for (Mapped m : page.records) {
      if (cursor.isNew(m.changedAt(), m.signal().key().externalId())) {
        fresh.add(m);
      }
    }
    fresh.sort(
        Comparator.comparing(Mapped::changedAt).thenComparing(m -> m.signal().key().externalId()));
    if (fresh.size() > request.limit()) {
      fresh = fresh.subList(0, request.limit());
    }
    List<Cursors.Entry> entries =
        fresh.stream()
            .map(m -> new Cursors.Entry(m.signal().key().externalId(), m.changedAt()))
            .toList();
    return SourceResult.builder()
        .signals(fresh.stream().map(Mapped::signal).toList())
        .rejected(page.rejected)
        .nextCursor(cursor.next(entries).or(() -> request.cursor()))
        .cacheHit(page.cacheHit)
        .build();
  }

  private static SourceResult snapshot(Page page, SourceRequest request) {
    String next = "s1|" + page.snapshot;
    if (request.cursor().filter(next::equals).isPresent()) {
      return SourceResult.builder().nextCursor(next).cacheHit(page.cacheHit).build();
    }
    boolean complete = page.records.size() <= request.limit();
    List<Mapped> all = complete ? page.records : page.records.subList(0, request.limit());
    return SourceResult.builder()
        .signals(all.stream().map(Mapped::signal).toList())
        .rejected(page.rejected)
        // A cut answer keeps the old cursor: the rest comes next time, duplicates are harmless.
        .nextCursor(complete ? Optional.of(next) : request.cursor())
        .cacheHit(page.cacheHit)
        .build();
  }

  /** Whether {@code key} is one of this source's signals. */
  final boolean owns(SignalKey key) {
    Objects.requireNonNull(key, "key");
    return key.sourceId().equals(id);
  }

  /**
   * The answer to {@code call}, or empty when the server answers that the record is not found (for
   * a refresh: it was taken down).
   */
  final Optional<HttpResult> unlessGone(HttpCall call, SourceContext context)
      throws ConnectorException, InterruptedException {
    try {
      return Optional.of(http.execute(call, context));
    } catch (ConnectorException e) {
      if (e.kind() == ConnectorException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The signal {@code map} makes of a refreshed record; a mapping failure is a parse error. */
  final Optional<Signal> refreshed(String externalId, MappingStep map) throws ConnectorException {
    try {
      return Optional.of(map.map().signal());
    } catch (RuntimeException e) {
      throw ConnectorException.parseError(id, externalId, e.getMessage(), e);
    }
  }

  /**
   * A source builder with a configurable source id, by default one derived from what the source
   * reads. Not thread-safe.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  abstract static class IdBuilder<B extends IdBuilder<B>> extends HttpBuilder<B> {
    String id;

    IdBuilder(URI baseUrl) {
      super(baseUrl);
    }

    /** The source id; by default the one the builder's class comment names. */
    public B id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return self();
    }
  }

  /** A stable short fingerprint, for external ids built from several fields. */
  static String fingerprint(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<Instant> firstOf(Optional<Instant> a, Optional<Instant> b) {
    return a.isPresent() ? a : b;
  }
}

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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the HTTP sources share: mapping records one by one (a malformed record becomes a {@link
 * RejectedRecord}, never a failed fetch), ordering by change time, the request's limit and the
 * incremental cursor. Subclasses read the whole listing of a query (following the remote API's own
 * paging where it has one) into a {@link Page}; {@link #fetch} then returns it in pages of at most
 * the request's limit, saying {@link SourceResult#more()} while records are left, so that no tail
 * is lost however long the listing. Thread-safe when the subclass is.
 */
abstract class HttpSignalSource implements SignalSource {
  /**
   * The most records one listing may hold, however small they are: the byte cap alone lets a
   * compact body hold a hundred thousand records, whose parsing would cost seconds and hundreds of
   * megabytes at every fetch. A listing past it fails with {@link
   * ConnectorException.Kind#RESPONSE_TOO_LARGE}, counted before the parser builds it where the
   * format allows (iCalendar, RSS and Atom, JSON arrays), else when mapping reaches it.
   */
  static final int MAX_RECORDS = 10_000;

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

    private int seen;

    /**
     * Maps one record; an exception of the mapping rejects that record with its message, naming the
     * field.
     */
    void add(String recordId, MappingStep step) {
      if (++seen > MAX_RECORDS) {
        throw new TooManyRecords();
      }
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

  /** Thrown by {@link Page#add} past {@link #MAX_RECORDS}; {@link #fetch} names the source. */
  private static final class TooManyRecords extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyRecords() {
      super(null, null, false, false);
    }
  }

  /**
   * The error of a listing past {@link #MAX_RECORDS}: {@code what} (never a secret URL) holds
   * {@code count} records, or more than the limit when {@code count} is not known.
   */
  static ConnectorException tooManyRecords(String sourceId, String what, long count) {
    return new ConnectorException(
        ConnectorException.Kind.RESPONSE_TOO_LARGE,
        sourceId,
        null,
        what
            + " holds "
            + (count > MAX_RECORDS ? count + " records, more than" : "more than")
            + " the limit of "
            + MAX_RECORDS
            + " records per listing",
        0,
        null,
        null);
  }

  /**
   * How many times {@code marker} (ASCII) occurs in {@code body}, ignoring ASCII case when {@code
   * ignoreCase}, where the byte after it is not a letter, digit, {@code -} or {@code :} (so {@code
   * <item} does not count {@code <items>}). A scan of the raw bytes: no parser runs.
   */
  static long count(byte[] body, String marker, boolean ignoreCase) {
    byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    long n = 0;
    outer:
    for (int i = 0; i + m.length <= body.length; i++) {
      for (int j = 0; j < m.length; j++) {
        byte b = body[i + j];
        if (b != m[j] && !(ignoreCase && lower(b) == lower(m[j]))) {
          continue outer;
        }
      }
      int after = i + m.length;
      if (after < body.length && isNameByte(body[after])) {
        continue;
      }
      n++;
      i = after - 1;
    }
    return n;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  private static boolean isNameByte(byte b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == ':';
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

  /**
   * Returns the records of the listing {@link #read} made that come after the request's cursor, at
   * most {@link SourceRequest#limit()} of them, oldest change first; {@link SourceResult#more()}
   * says whether the listing holds more after them, and the next cursor continues exactly there.
   * See {@link Cursors} for ties and {@link #snapshot} for listings without change times. Malformed
   * records are reported with the first page of a listing only, not again with each page that
   * continues it.
   */
  @Override
  public SourceResult fetch(SourceRequest request, SourceContext context) throws Exception {
    Page page;
    try {
      page = read(request, context);
    } catch (TooManyRecords e) {
      throw tooManyRecords(id, "the listing of " + request.query().key(), -1);
    }
    int limit = Math.max(1, request.limit());
    if (page.snapshot != null) {
      return snapshot(page, request, limit);
    }
    // One entry per id (the latest change wins), in cursor order.
    Map<String, Mapped> byId = new HashMap<>();
    for (Mapped m : page.records) {
      byId.merge(
          m.signal().key().externalId(), m, (a, b) -> b.changedAt().isAfter(a.changedAt()) ? b : a);
    }
    List<Mapped> listing = new ArrayList<>(byId.values());
    listing.sort(ORDER);
    List<Cursors.Entry> entries = listing.stream().map(HttpSignalSource::entry).toList();
    Cursors cursor = Cursors.parse(request.cursor()).checkedAgainst(entries);
    List<Mapped> fresh = new ArrayList<>();
    boolean more = false;
    for (Mapped m : listing) {
      if (cursor.isNew(m.changedAt(), m.signal().key().externalId())) {
        if (fresh.size() == limit) {
          more = true;
          break;
        }
        fresh.add(m);
      }
    }
    Optional<String> next =
        fresh.isEmpty()
            ? request.cursor()
            : Optional.of(Cursors.after(entry(fresh.get(fresh.size() - 1)), entries, more));
    return SourceResult.builder()
        .signals(fresh.stream().map(Mapped::signal).toList())
        .rejected(cursor.continuesAPage() ? List.of() : page.rejected)
        .nextCursor(next)
        .more(more)
        .cacheHit(page.cacheHit)
        .build();
  }

  private static final Comparator<Mapped> ORDER =
      Comparator.comparing(Mapped::changedAt).thenComparing(m -> m.signal().key().externalId());

  private static Cursors.Entry entry(Mapped m) {
    return new Cursors.Entry(m.signal().key().externalId(), m.changedAt());
  }

  /**
   * A listing without change times, fingerprinted by {@link Page#snapshot}: the cursor {@code
   * s1|<fingerprint>} says that listing was returned whole, and an unchanged listing returns
   * nothing. A listing longer than the limit is returned in pages of the order the source gave,
   * with the cursor {@code s1|<fingerprint>|<records returned>}; when the listing changes between
   * two pages, its fingerprint does too, and it is returned again from the start (duplicates are
   * harmless, the engine keeps what changed), so no record of the new listing is skipped.
   */
  private static SourceResult snapshot(Page page, SourceRequest request, int limit) {
    String done = "s1|" + page.snapshot;
    String prefix = done + "|";
    int from = 0;
    if (request.cursor().isPresent()) {
      String c = request.cursor().get();
      if (c.equals(done)) {
        return SourceResult.builder().nextCursor(done).cacheHit(page.cacheHit).build();
      }
      if (c.startsWith(prefix)) {
        try {
          from =
              Math.min(
                  page.records.size(), Math.max(0, Integer.parseInt(c.substring(prefix.length()))));
        } catch (NumberFormatException e) {
          from = 0; // unreadable: start over
        }
      }
    }
    int to = (int) Math.min(page.records.size(), (long) from + limit);
    boolean more = to < page.records.size();
    return SourceResult.builder()
        .signals(page.records.subList(from, to).stream().map(Mapped::signal).toList())
        .rejected(from == 0 ? page.rejected : List.of())
        .nextCursor(more ? prefix + to : done)
        .more(more)
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

  /**
   * A builder of a job board whose answers do not name the hiring company: the host names it.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  abstract static class CompanyBoardBuilder<B extends CompanyBoardBuilder<B>> extends IdBuilder<B> {
    String company;

    CompanyBoardBuilder(URI baseUrl) {
      super(baseUrl);
    }

    /** The hiring company's name (the board's answers do not carry it). Required. */
    public B companyName(String company) {
      Objects.requireNonNull(company, "company");
      if (company.isBlank()) {
        throw new ValidationException("companyName must not be blank");
      }
      this.company = company.strip();
      return self();
    }

    /** Fails unless the board, the company and the toolkit are set. */
    void requireBoardAndCompany(Object board, String what) {
      if (board == null) {
        throw new ValidationException(what + " is required");
      }
      if (company == null) {
        throw new ValidationException("companyName is required");
      }
      requireHttp();
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

package io.github.discoverysdk.testkit;

import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SignalSource} that returns what the test published, with scripted failures: a fake for
 * engine tests that need no network.
 *
 * <pre>{@code
 * ScriptedSource source = ScriptedSource.feed("news")
 *     .publish(Fixtures.signal("news", "n-1", SignalType.NEWS, "Stripe raises", now));
 * source.failNext(new IOException("timeout"));   // the next fetch throws, the one after succeeds
 * }</pre>
 *
 * <p>Published signals form a timeline; publishing a signal whose key is already there appends a
 * new version of it. A cursor is the decimal number of timeline entries consumed, so a fetch
 * returns the entries published after the previous fetch. A {@link QueryMode#SEARCH} source
 * returns, for a company or keyword query, only the entries whose title, text or organisation names
 * contain the term (ignoring case); an {@link SourceQuery.Kind#ALL} query returns everything.
 *
 * <p>Thread-safe: fetches may run concurrently with each other and with scripting calls.
 */
public final class ScriptedSource implements SignalSource {
  private final String id;
  private final QueryMode mode;
  private final Object lock = new Object();

  // Guarded by lock.
  private final List<Signal> timeline = new ArrayList<>();
  private final List<RejectedRecord> pendingRejects = new ArrayList<>();
  private final List<SourceRequest> requests = new ArrayList<>();
  private final Set<SignalKey> withdrawn = new HashSet<>();
  private Exception pendingFailure;
  private double costPerCall;
  private boolean shared;
  private volatile Runnable onFetch = () -> {};

  private ScriptedSource(String id, QueryMode mode) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new ValidationException("source id must not be blank");
    }
    this.id = id;
    this.mode = mode;
  }

  /** A feed source: every query returns every new entry of the timeline. */
  public static ScriptedSource feed(String id) {
    return new ScriptedSource(id, QueryMode.FEED);
  }

  /** A search source: a company or keyword query returns only the entries naming its term. */
  public static ScriptedSource search(String id) {
    return new ScriptedSource(id, QueryMode.SEARCH);
  }

  /**
   * Appends signals to the timeline, in order.
   *
   * @throws ValidationException if a signal's key names another source
   */
  public ScriptedSource publish(Signal... signals) {
    Objects.requireNonNull(signals, "signals");
    for (Signal s : signals) {
      Objects.requireNonNull(s, "signal");
      if (!s.key().sourceId().equals(id)) {
        throw new ValidationException(
            "signal " + s.key() + " names source '" + s.key().sourceId() + "', not '" + id + "'");
      }
    }
    synchronized (lock) {
      timeline.addAll(List.of(signals));
      for (Signal s : signals) {
        withdrawn.remove(s.key());
      }
    }
    return this;
  }

  /**
   * The source no longer has this item (a closed posting, a withdrawn page): {@link #refresh}
   * returns empty for it until it is published again.
   */
  public ScriptedSource withdraw(SignalKey key) {
    Objects.requireNonNull(key, "key");
    synchronized (lock) {
      withdrawn.add(key);
    }
    return this;
  }

  /** Makes the next successful fetch report this rejected record, once. */
  public ScriptedSource reject(String recordId, String reason) {
    RejectedRecord rejected = RejectedRecord.of(recordId, reason);
    synchronized (lock) {
      pendingRejects.add(rejected);
    }
    return this;
  }

  /**
   * Runs {@code hook} at the start of every later fetch, on the fetching thread and outside this
   * source's lock: to hold a fetch until the test lets it go, or to act while a run is fetching.
   */
  public ScriptedSource onFetch(Runnable hook) {
    this.onFetch = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** Makes the next fetch throw {@code failure}, once; the fetch after it works again. */
  public ScriptedSource failNext(Exception failure) {
    Objects.requireNonNull(failure, "failure");
    synchronized (lock) {
      pendingFailure = failure;
    }
    return this;
  }

  /** Sets the cost per call the capabilities announce. */
  public ScriptedSource costPerCall(double cost) {
    if (!(cost >= 0)) {
      throw new ValidationException("costPerCall must not be negative, was " + cost);
    }
    synchronized (lock) {
      costPerCall = cost;
    }
    return this;
  }

  /**
   * Declares the source's data public, so the engine may share its answers across tenants through
   * the storage's query cache.
   */
  public ScriptedSource sharedAcrossTenants() {
    synchronized (lock) {
      shared = true;
    }
    return this;
  }

  /** How many times {@link #fetch} was called, failed calls included. */
  public int calls() {
    synchronized (lock) {
      return requests.size();
    }
  }

  /** Every request {@link #fetch} received, oldest first; an immutable copy. */
  public List<SourceRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SourceCapabilities capabilities() {
    synchronized (lock) {
      return SourceCapabilities.builder()
          .queryMode(mode)
          .supportsRefresh(true)
          .costPerCall(costPerCall)
          .sharedAcrossTenants(shared)
          .build();
    }
  }

  /**
   * Returns the entries published after the request's cursor that match its query, at most {@code
   * request.limit()} of them; the next cursor points after the last entry returned (or after the
   * whole timeline when the limit was not reached), and {@link SourceResult#more()} says whether
   * the limit stopped it before the end of the timeline.
   *
   * @throws SourceException if the cursor is not a position this source issued
   * @throws Exception the failure scripted with {@link #failNext}
   */
  @Override
  public SourceResult fetch(SourceRequest request, SourceContext context) throws Exception {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    onFetch.run();
    synchronized (lock) {
      requests.add(request);
      if (pendingFailure != null) {
        Exception failure = pendingFailure;
        pendingFailure = null;
        throw failure;
      }
      int position = request.cursor().map(this::parseCursor).orElse(0);
      List<Signal> found = new ArrayList<>();
      int next = Math.max(position, timeline.size());
      boolean more = false;
      for (int i = position; i < timeline.size(); i++) {
        if (found.size() == request.limit()) {
          next = i;
          more = true;
          break;
        }
        Signal s = timeline.get(i);
        if (matches(request.query(), s)) {
          found.add(s);
        }
      }
      List<RejectedRecord> rejected = List.copyOf(pendingRejects);
      pendingRejects.clear();
      return SourceResult.builder()
          .signals(found)
          .rejected(rejected)
          .nextCursor(Integer.toString(next))
          .more(more)
          .build();
    }
  }

  /**
   * The latest published version of the signal, or empty if it was never published or was
   * withdrawn.
   */
  @Override
  public Optional<Signal> refresh(SignalKey key, SourceContext context) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(context, "context");
    synchronized (lock) {
      if (withdrawn.contains(key)) {
        return Optional.empty();
      }
      for (int i = timeline.size() - 1; i >= 0; i--) {
        if (timeline.get(i).key().equals(key)) {
          return Optional.of(timeline.get(i));
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "ScriptedSource[" + id + ", " + mode + "]";
  }

  private int parseCursor(String cursor) {
    try {
      int position = Integer.parseInt(cursor);
      if (position < 0) {
        throw new NumberFormatException("negative");
      }
      return position;
    } catch (NumberFormatException e) {
      throw new SourceException(
          id, "cursor must be a non-negative decimal position, was '" + cursor + "'", e);
    }
  }

  private boolean matches(SourceQuery query, Signal signal) {
    if (mode == QueryMode.FEED || query.term().isEmpty()) {
      return true;
    }
    String term = query.term().get().strip().toLowerCase(Locale.ROOT);
    return contains(signal.title(), term)
        || contains(signal.text(), term)
        || signal.organizations().stream()
            .map(OrganizationMention::name)
            .anyMatch(name -> contains(name, term));
  }

  private static boolean contains(String text, String lowerCaseTerm) {
    return text.toLowerCase(Locale.ROOT).contains(lowerCaseTerm);
  }
}

package io.github.discoverysdk;

import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.reconcile.FindingOutbox;
import io.github.discoverysdk.session.SessionExportOutbox;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.DeliveryEvent;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox entries to their sinks: at least once, with exponential backoff, DEAD after a
 * permanent error or too many attempts. An entry is claimed through a storage lease before it is
 * sent, so dispatchers of several host instances never send it at the same time; a dispatcher that
 * dies between sending and marking leaves the entry PENDING, and it is sent again once the claim
 * expires (sinks deduplicate on its key). Thread-safe.
 */
final class OutboxDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int BATCH = 500;

  private final Storage storage;
  private final Clock clock;
  private final Map<String, AlertSink> alertSinks;
  private final Map<String, OpportunitySink> opportunitySinks;
  private final SubjectDelivery subjects;
  private final String owner;
  private final int maxAttempts;
  private final List<RunListener> listeners;
  private final Duration claimFor = Duration.ofMinutes(5);

  OutboxDispatcher(
      Storage storage,
      Clock clock,
      List<AlertSink> alertSinks,
      List<OpportunitySink> opportunitySinks,
      SessionExportOutbox sessionExports,
      FindingOutbox findings,
      String owner,
      int maxAttempts,
      List<RunListener> listeners) {
    this.storage = storage;
    this.clock = clock;
    this.alertSinks = byId(alertSinks, AlertSink::id);
    this.opportunitySinks = byId(opportunitySinks, OpportunitySink::id);
    this.subjects = new SubjectDelivery(storage, sessionExports, findings);
    this.owner = owner;
    this.maxAttempts = maxAttempts;
    this.listeners = List.copyOf(listeners);
  }

  private static <T> Map<String, T> byId(List<T> sinks, java.util.function.Function<T, String> id) {
    Map<String, T> out = new LinkedHashMap<>();
    sinks.forEach(s -> out.put(id.apply(s), s));
    return out;
  }

  /** Delivers the tenant's due entries, batch after batch; returns how many were sent. */
  int dispatch(String tenant) {
    int sent = 0;
    while (true) {
      Instant now = clock.instant();
      List<OutboxEntry> due = storage.outbox().listDue(tenant, now, BATCH);
      int[] claimed = new int[1];
      sent += dispatch(tenant, due, now, claimed);
      // Stop when the batch was not full, or when others hold some of it (they will finish it).
      if (due.size() < BATCH || claimed[0] < due.size()) {
        return sent;
      }
    }
  }

  private int dispatch(String tenant, List<OutboxEntry> due, Instant now, int[] claimed) {
    int sent = 0;
    Map<String, List<Claimed>> digests = new LinkedHashMap<>();
    for (OutboxEntry entry : due) {
      if (!storage
          .sourceState()
          .tryLease(tenant, "outbox:" + entry.id(), owner, now, now.plus(claimFor))) {
        continue;
      }
      claimed[0]++;
      if (!entry.kind().aboutOpportunity()) {
        int delivered = subjects.deliver(entry, this::failed, this::sent);
        if (delivered > 0) {
          heard(entry, DeliveryEvent.Outcome.SENT, entry.attempts() + 1);
        }
        sent += delivered;
        continue;
      }
      Optional<Claimed> loaded = load(entry);
      if (loaded.isEmpty()) {
        continue;
      }
      Claimed c = loaded.get();
      if ((entry.kind() == DeliveryKind.NEW_ALERT || entry.kind() == DeliveryKind.UPDATED_ALERT)
          && c.profile().alerts().dailyDigest()) {
        digests
            .computeIfAbsent(entry.sinkId() + "|" + c.profile().id(), k -> new ArrayList<>())
            .add(c);
        continue;
      }
      sent += deliver(List.of(c));
    }
    for (List<Claimed> digest : digests.values()) {
      sent += deliver(digest);
    }
    return sent;
  }

  private record Claimed(OutboxEntry entry, Opportunity opportunity, Profile profile) {}

  /** The entry's opportunity and profile, or empty (and the entry DEAD) when they are gone. */
  private Optional<Claimed> load(OutboxEntry entry) {
    Optional<Opportunity> o = entry.opportunityId().flatMap(storage.opportunities()::find);
    Optional<Profile> p = o.flatMap(x -> storage.profiles().find(x.profileId()));
    if (o.isEmpty() || p.isEmpty()) {
      mark(entry, OutboxStatus.DEAD, "the opportunity or its profile no longer exists");
      heard(entry, DeliveryEvent.Outcome.DEAD, entry.attempts());
      return Optional.empty();
    }
    boolean known =
        entry.kind() == DeliveryKind.PUSH
            ? opportunitySinks.containsKey(entry.sinkId())
            : alertSinks.containsKey(entry.sinkId());
    if (!known) {
      mark(entry, OutboxStatus.DEAD, "no sink '" + entry.sinkId() + "' is registered");
      heard(entry, DeliveryEvent.Outcome.DEAD, entry.attempts());
      return Optional.empty();
    }
    return Optional.of(new Claimed(entry, o.get(), p.get()));
  }

  /** Sends one entry, or one digest of several, and marks them; returns how many were sent. */
  private int deliver(List<Claimed> items) {
    OutboxEntry first = items.get(0).entry();
    try {
      if (first.kind() == DeliveryKind.PUSH) {
        opportunitySinks
            .get(first.sinkId())
            .accept(items.get(0).opportunity(), items.get(0).profile());
      } else {
        List<Alert> alerts = new ArrayList<>();
        for (Claimed c : items) {
          Alert.Builder alert = Alert.builder().profile(c.profile()).opportunity(c.opportunity());
          if (c.entry().kind() == DeliveryKind.REVIEW_ESCALATION) {
            EscalationAlerts.complete(alert, storage, c.entry(), c.profile());
          } else {
            alert.kind(
                c.entry().kind() == DeliveryKind.NEW_ALERT ? AlertKind.NEW : AlertKind.UPDATED);
          }
          alerts.add(alert.build());
        }
        AlertSink sink = alertSinks.get(first.sinkId());
        if (alerts.size() == 1) {
          sink.deliver(alerts.get(0));
        } else {
          sink.deliverDigest(alerts);
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      for (Claimed c : items) {
        failed(c.entry(), e);
      }
      return 0;
    }
    for (Claimed c : items) {
      mark(c.entry(), OutboxStatus.SENT, null);
      heard(c.entry(), DeliveryEvent.Outcome.SENT, c.entry().attempts() + 1);
    }
    return items.size();
  }

  /**
   * Records a failed attempt: PENDING with backoff, or DEAD after a permanent error or the last
   * attempt; returns the error when the entry is now dead.
   */
  private Optional<String> failed(OutboxEntry entry, Exception e) {
    boolean permanent =
        (e instanceof SinkException se && se.permanent()) || e instanceof ValidationException;
    int attempts = entry.attempts() + 1;
    String why =
        e.getClass().getSimpleName()
            + ": "
            + clip(withoutUrlSecrets(String.valueOf(e.getMessage())));
    Instant now = clock.instant();
    boolean dead = permanent || attempts >= maxAttempts;
    // 30 s, 1 min, 2 min, ... at most an hour between attempts.
    Duration backoff = Duration.ofSeconds(Math.min(3_600, 30L << Math.min(attempts - 1, 20)));
    String error = dead && !permanent ? "gave up after " + attempts + " attempts: " + why : why;
    save(
        OutboxEntry.builder()
            .from(entry)
            .attempts(attempts)
            .status(dead ? OutboxStatus.DEAD : OutboxStatus.PENDING)
            .nextAttemptAt(dead ? entry.nextAttemptAt() : now.plus(backoff))
            .lastError(error)
            .updatedAt(now)
            .build());
    log.debug("delivery {} to {} failed ({}): {}", entry.id(), entry.sinkId(), attempts, why);
    heard(entry, dead ? DeliveryEvent.Outcome.DEAD : DeliveryEvent.Outcome.RETRY, attempts);
    return dead ? Optional.of(error) : Optional.empty();
  }

  private OutboxEntry sent(OutboxEntry entry) {
    return OutboxEntry.builder()
        .from(entry)
        .status(OutboxStatus.SENT)
        .attempts(entry.attempts() + 1)
        .updatedAt(clock.instant())
        .build();
  }

  /** Tells the run listeners of an attempt; one that throws is logged and ignored. */
  private void heard(OutboxEntry entry, DeliveryEvent.Outcome outcome, int attempt) {
    if (listeners.isEmpty()) {
      return;
    }
    DeliveryEvent event =
        new DeliveryEvent(
            clock.instant(), entry.tenant(), entry.sinkId(), entry.kind(), outcome, attempt);
    for (RunListener listener : listeners) {
      try {
        listener.onDelivery(event);
      } catch (RuntimeException e) {
        log.debug("a run listener failed on a delivery: {}", e.toString());
      }
    }
  }

  private void mark(OutboxEntry entry, OutboxStatus status, String why) {
    OutboxEntry.Builder b =
        OutboxEntry.builder()
            .from(entry)
            .status(status)
            .attempts(entry.attempts() + (status == OutboxStatus.SENT ? 1 : 0))
            .updatedAt(clock.instant());
    if (why != null) {
      b.lastError(why);
    }
    save(b.build());
  }

  private void save(OutboxEntry entry) {
    try {
      storage.outbox().save(entry);
    } catch (ConcurrentUpdateException e) {
      // Another dispatcher marked it after its claim expired: its word stands.
      log.debug("outbox entry {} was updated elsewhere: {}", entry.id(), e.getMessage());
    }
  }

  /** A URL in a message: scheme, then the authority, then path, query and fragment. */
  private static final Pattern URL =
      Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{0,30})://([^/?#\\s'\"<>]*)([^\\s'\"<>]*)");

  /**
   * {@code message} with every URL in it cut to {@code scheme://host[:port]/…}: a sink's message (a
   * host's own sink, say) may name a webhook whose path is the credential, a token in a query or a
   * password in the user info, and the message is stored in {@code lastError} and logged.
   */
  static String withoutUrlSecrets(String message) {
    Matcher m = URL.matcher(message);
    if (!m.find()) {
      return message;
    }
    StringBuilder out = new StringBuilder(message.length());
    do {
      String authority = m.group(2);
      String host = authority.substring(authority.lastIndexOf('@') + 1);
      String rest = m.group(3);
      String shown = m.group(1) + "://" + host + (rest.isEmpty() || rest.equals("/") ? rest : "/…");
      m.appendReplacement(out, Matcher.quoteReplacement(shown));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private static String clip(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "…";
  }
}

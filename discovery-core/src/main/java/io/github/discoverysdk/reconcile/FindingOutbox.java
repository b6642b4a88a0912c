package io.github.discoverysdk.reconcile;

import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxSubject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox's side of reconciliation findings. The job enqueues one {@link
 * DeliveryKind#RECONCILE_FINDING} entry per finding and {@link FindingSink}, whose subject is
 * {@code ("finding", key)} and whose dedupe key is the finding's {@link Finding#key()}; the
 * engine's dispatcher hands the entry back here to be sent.
 *
 * <p>Deduplication: the key holds the finding's kind, tenant, subject and start ({@link
 * Finding#since()}), so a drift found by every run while it lasts is alerted once per sink, also
 * after the alert was sent. A drift that comes back later starts at a new instant and is alerted
 * again; the search index's drift starts at the day it was found, so it is alerted at most once a
 * day. Thread-safe.
 */
public final class FindingOutbox {
  /** The subject type of a finding's outbox entry: {@code ("finding", key)}. */
  public static final String SUBJECT = "finding";

  private final Map<String, FindingSink> sinks = new LinkedHashMap<>();

  /** For the engine, which builds one per engine over its finding sinks. */
  public FindingOutbox(List<? extends FindingSink> sinks) {
    sinks.forEach(s -> this.sinks.put(s.id(), s));
  }

  /** The outbox entry of {@code finding} to the sink {@code sinkId}, due at {@code now}. */
  static OutboxEntry entry(String id, Finding finding, String sinkId, Instant now) {
    String key = finding.key();
    return OutboxEntry.builder()
        .id(id)
        .tenant(finding.tenant())
        .sinkId(sinkId)
        .kind(DeliveryKind.RECONCILE_FINDING)
        .subject(
            OutboxSubject.of(
                SUBJECT, key.length() <= OutboxSubject.MAX_ID ? key : "sha256:" + sha256(key)))
        .dedupeKey(key)
        .nextAttemptAt(now)
        .createdAt(now)
        .updatedAt(now)
        .build();
  }

  /**
   * Sends the entry's finding to its sink.
   *
   * @throws SinkException permanent if the sink is not registered or the entry names no finding
   * @throws Exception what the sink threw
   */
  public void send(OutboxEntry entry) throws Exception {
    FindingSink sink = sinks.get(entry.sinkId());
    if (sink == null) {
      throw new SinkException("no finding sink '" + entry.sinkId() + "' is registered", true);
    }
    Finding finding =
        finding(entry)
            .orElseThrow(
                () ->
                    new SinkException(
                        "outbox entry " + entry.id() + " names no reconciliation finding", true));
    sink.send(finding);
  }

  /**
   * The finding an entry delivers, rebuilt from its dedupe key ({@code
   * reconcile|kind|tenant|subject|since}); empty if the entry is of another kind or its key is not
   * a finding's.
   */
  static Optional<Finding> finding(OutboxEntry entry) {
    if (entry.kind() != DeliveryKind.RECONCILE_FINDING) {
      return Optional.empty();
    }
    String key = entry.dedupeKey();
    String[] head = key.split("\\|", 4);
    if (head.length < 4 || !head[0].equals("reconcile") || head[3].lastIndexOf('|') < 0) {
      return Optional.empty();
    }
    int last = key.lastIndexOf('|');
    try {
      FindingKind kind = FindingKind.valueOf(head[1].replace('.', '_').toUpperCase(Locale.ROOT));
      String tenant = head[2];
      String subject = key.substring(key.length() - head[3].length(), last);
      Instant since = Instant.ofEpochMilli(Long.parseLong(key.substring(last + 1)));
      if (!tenant.equals(entry.tenant())) {
        return Optional.empty();
      }
      return Optional.of(
          new Finding(
              kind,
              tenant,
              subject,
              since,
              kind.tag() + " on " + subject + " since " + since + " (tenant " + tenant + ")",
              false));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}

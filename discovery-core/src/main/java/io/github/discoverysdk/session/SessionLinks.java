package io.github.discoverysdk.session;

import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions and discovery profiles ({@link Sessions#links()}): a session's incumbents, the record
 * that they were applied to a profile, and the citations that record gives an opportunity's
 * competitor matches. Applying itself goes through the engine ({@code
 * SecuredSessions.applyToProfile}), which saves the profile. Thread-safe.
 */
public final class SessionLinks {
  private final Storage storage;
  private final AuditLog audit;
  private final Catalogue catalogue;

  SessionLinks(Storage storage, AuditLog audit, Catalogue catalogue) {
    this.storage = storage;
    this.audit = audit;
    this.catalogue = catalogue;
  }

  /**
   * The catalogue vendors a session's answers selected, by question id in catalogue order, each
   * vendor under the first question that named it: the account's incumbents.
   */
  public Map<String, List<String>> incumbents(String tenant, String sessionId) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Response r : SessionRows.view(storage, catalogue, tenant, sessionId).responses()) {
      List<String> fresh = r.answer().selected().stream().filter(seen::add).toList();
      if (!fresh.isEmpty()) {
        out.put(r.questionId(), fresh);
      }
    }
    return out;
  }

  /**
   * Records, in the caller's transaction, that a session's incumbents were applied to a profile,
   * with an audit entry on the session naming the profile and the vendors.
   */
  public void recordApplied(
      Actor actor, String tenant, String sessionId, ProfileId profileId, List<String> vendors) {
    Objects.requireNonNull(actor, "actor");
    storage.inTransaction(
        tx -> {
          Session s = SessionRows.get(tx, tenant, sessionId);
          tx.sessions().linkProfile(tenant, sessionId, profileId.value());
          SessionAudit.record(
              audit,
              tx,
              actor,
              tenant,
              Sessions.ENTITY,
              s.id(),
              AuditAction.UPDATE,
              Map.of(),
              Map.of(
                  "appliedToProfile", profileId.value(), "incumbents", String.join(", ", vendors)));
          return null;
        });
  }

  /**
   * The sessions behind an opportunity's competitor matches: for each match on a competitor term
   * that a session applied to the opportunity's profile named as an incumbent, one citation.
   */
  public List<SessionCitation> citations(String tenant, ProfileId profileId, List<Match> matches) {
    List<SessionCitation> out = new java.util.ArrayList<>();
    for (String sessionId : storage.sessions().linkedSessions(tenant, profileId.value())) {
      Optional<Session> s = storage.sessions().find(tenant, sessionId);
      if (s.isEmpty()) {
        continue;
      }
      Map<String, List<String>> incumbents = incumbents(tenant, sessionId);
      for (Match m : matches) {
        if (m.target() != MatchTarget.COMPETITOR) {
          continue;
        }
        incumbents.forEach(
            (question, vendors) -> {
              if (vendors.stream().anyMatch(v -> v.equalsIgnoreCase(m.term()))) {
                out.add(
                    new SessionCitation(
                        m.term(), sessionId, s.get().accountId(), s.get().accountName(), question));
              }
            });
      }
    }
    return List.copyOf(out);
  }
}

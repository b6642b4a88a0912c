package io.github.discoverysdk;

import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionStatus;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.spi.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions feed discovery: a completed session's incumbent vendors become competitors and keywords
 * of its owner's discovery profile, saved through {@link Profiles} (so versions, the profile index
 * and the profile's audit apply), and the session is linked to the profile in the same transaction,
 * so that evidence on the profile's opportunities can cite it. Thread-safe.
 */
final class SessionProfileLink {
  private final Storage storage;
  private final Profiles profiles;
  private final Sessions sessions;

  SessionProfileLink(Storage storage, Profiles profiles, Sessions sessions) {
    this.storage = storage;
    this.profiles = profiles;
    this.sessions = sessions;
  }

  /**
   * Adds the session's incumbents to the profile's competitors and keywords.
   *
   * @return the profile as saved (its version unchanged if it had them all)
   * @throws ValidationException if the session is in progress or the profile is another user's
   * @throws NotFoundException if the session or the profile does not exist
   */
  Profile apply(Actor actor, String tenant, String sessionId, ProfileId profileId) {
    Session s =
        sessions
            .find(tenant, sessionId)
            .orElseThrow(() -> new NotFoundException("no session " + sessionId));
    if (s.status() == SessionStatus.IN_PROGRESS) {
      throw new ValidationException(
          "session " + sessionId + " is IN_PROGRESS: complete it before applying it to a profile");
    }
    if (!profileId.tenant().equals(tenant)) {
      throw new NotFoundException("no profile " + profileId);
    }
    Profile p = profiles.get(profileId);
    if (!p.owner().equals(s.owner())) {
      throw new ValidationException(
          "profile "
              + profileId
              + " belongs to "
              + p.owner()
              + ", not to the session's owner "
              + s.owner());
    }
    List<String> vendors = new ArrayList<>();
    sessions.links().incumbents(tenant, sessionId).values().forEach(vendors::addAll);
    return storage.inTransaction(
        tx -> {
          sessions.links().recordApplied(actor, tenant, sessionId, profileId, vendors);
          if (p.competitors().containsAll(vendors) && p.keywords().containsAll(vendors)) {
            return p;
          }
          return profiles.save(
              actor,
              Profile.builder().from(p).addAllCompetitors(vendors).addAllKeywords(vendors).build());
        });
  }
}

package io.github.discoverysdk;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The audited fields of the engine's own entities as text, for {@link
 * io.github.discoverysdk.audit.AuditLog#diff}. Sets are sorted so that reordering is no change.
 * Stateless.
 */
final class AuditFields {
  private AuditFields() {}

  static Map<String, String> profile(Optional<Profile> profile) {
    Map<String, String> m = new LinkedHashMap<>();
    profile.ifPresent(
        p -> {
          m.put("name", p.name());
          m.put("owner", p.owner());
          m.put("industries", sorted(p.industries()));
          m.put("regions", sorted(p.regions()));
          m.put("targetTitles", sorted(p.targetTitles()));
          m.put("watchlist", sorted(p.watchlist().stream().map(Company::name).toList()));
          m.put("competitors", sorted(p.competitors()));
          m.values().removeIf(String::isEmpty);
          m.put("keywords", sorted(p.keywords()));
          m.put("signalTypes", sorted(p.signalTypes().stream().map(Enum::name).toList()));
          m.put("frequency", p.frequency().name());
          p.cron().ifPresent(c -> m.put("cron", c));
          m.put("minConfidence", Double.toString(p.minConfidence()));
          m.put("enabled", Boolean.toString(p.enabled()));
        });
    return m;
  }

  static Map<String, String> team(Optional<Team> team) {
    Map<String, String> m = new LinkedHashMap<>();
    team.ifPresent(
        t -> {
          m.put("name", t.name());
          m.put("members", sorted(t.members()));
        });
    return m;
  }

  static Map<String, String> share(Optional<SharedOpportunity> share) {
    Map<String, String> m = new LinkedHashMap<>();
    share.ifPresent(
        s -> {
          m.put("team", s.teamId());
          m.put("status", s.status().name());
          m.put("notes", Integer.toString(s.notes().size()));
        });
    return m;
  }

  private static String sorted(Collection<String> values) {
    return String.join(", ", new TreeSet<>(values));
  }
}

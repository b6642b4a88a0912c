package io.github.discoverysdk;

import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One long-lived {@link ProfileIndex} per tenant, updated in place when profiles are saved or
 * deleted through the engine, and reconciled with storage at the start of every run (storage stays
 * the source of truth, so saves made by another process are picked up). Thread-safe.
 */
final class ProfileIndexes {
  private static final class TenantIndex {
    final ProfileIndex index = ProfileIndex.empty();
    final Map<ProfileId, Long> versions = new HashMap<>();
  }

  private final Map<String, TenantIndex> byTenant = new ConcurrentHashMap<>();

  /** The tenant's index, brought in line with its stored enabled profiles. */
  ProfileIndex reconcile(String tenant, Collection<Profile> enabled) {
    TenantIndex t = byTenant.computeIfAbsent(tenant, k -> new TenantIndex());
    synchronized (t) {
      Set<ProfileId> seen = new HashSet<>();
      for (Profile p : enabled) {
        seen.add(p.id());
        Long known = t.versions.put(p.id(), p.version());
        if (known == null || known != p.version()) {
          t.index.put(p);
        }
      }
      for (Iterator<ProfileId> it = t.versions.keySet().iterator(); it.hasNext(); ) {
        ProfileId id = it.next();
        if (!seen.contains(id)) {
          t.index.remove(id);
          it.remove();
        }
      }
      return t.index;
    }
  }

  /** A profile was saved: index it (or drop it when disabled). */
  void saved(Profile p) {
    TenantIndex t = byTenant.computeIfAbsent(p.tenant(), k -> new TenantIndex());
    synchronized (t) {
      if (p.enabled()) {
        t.index.put(p);
        t.versions.put(p.id(), p.version());
      } else {
        t.index.remove(p.id());
        t.versions.remove(p.id());
      }
    }
  }

  /** A profile was deleted. */
  void deleted(ProfileId id) {
    TenantIndex t = byTenant.get(id.tenant());
    if (t != null) {
      synchronized (t) {
        t.index.remove(id);
        t.versions.remove(id);
      }
    }
  }
}

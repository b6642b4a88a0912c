package io.github.discoverysdk.audit;

import io.github.discoverysdk.support.Fields;
import java.util.Objects;

/**
 * Who an audited change is attributed to, with the request it came from: a host user acting through
 * {@code engine.as(principal)}, or the engine itself ({@code "system:<part>"}) for runs,
 * escalations and trusted system calls.
 *
 * @param id the host user id, or {@code system:<part>}
 * @param context the request behind the action; {@link RequestContext#none()} for system work
 */
public record Actor(String id, RequestContext context) {
  public Actor {
    Fields.identifier("actor.id", id, 200);
    Objects.requireNonNull(context, "context");
  }

  /** A host user. */
  public static Actor user(String id, RequestContext context) {
    return new Actor(id, context);
  }

  /** The engine's own work, named by its part ({@code "run"}, {@code "escalation"}, …). */
  public static Actor system(String part) {
    return new Actor("system:" + part, RequestContext.none());
  }

  /** Whether this is the engine's own work. */
  public boolean isSystem() {
    return id.startsWith("system:");
  }
}

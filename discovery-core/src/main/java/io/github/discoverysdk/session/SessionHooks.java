package io.github.discoverysdk.session;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.Actor;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the engine gives its {@link Sessions} beside storage: the session export sinks that {@link
 * SessionExports#exportTo} enqueues for, how to deliver a tenant's due outbox entries at once, and
 * what to do after a session is completed (the opt-in rule that applies its incumbents to the
 * owner's profile). Immutable; the parts must be thread-safe.
 *
 * @param exportSinks the sinks, ids unique
 * @param dispatch delivers a tenant's due outbox entries; called after an export is enqueued
 * @param completion called after a completion commits
 */
public record SessionHooks(
    List<SessionExportSink> exportSinks, Consumer<String> dispatch, Completion completion) {

  /** Hears of completed sessions after the completion committed. Must be thread-safe. */
  @FunctionalInterface
  public interface Completion {
    /** Nothing. */
    Completion NONE = (sessions, actor, session) -> {};

    /**
     * Called after {@code session} was completed by {@code actor}, its transaction committed. An
     * exception is logged by {@link Sessions} and does not undo the completion.
     */
    void completed(Sessions sessions, Actor actor, Session session);
  }

  /**
   * @throws ValidationException if two sinks share an id
   */
  public SessionHooks {
    exportSinks = List.copyOf(exportSinks);
    Objects.requireNonNull(dispatch, "dispatch");
    Objects.requireNonNull(completion, "completion");
    Set<String> ids = new HashSet<>();
    for (SessionExportSink s : exportSinks) {
      if (!ids.add(s.id())) {
        throw new ValidationException(
            "a session export sink with id '" + s.id() + "' is already registered");
      }
    }
  }

  /** No sinks, no dispatching, nothing on completion. */
  public static SessionHooks none() {
    return new SessionHooks(List.of(), tenant -> {}, Completion.NONE);
  }
}

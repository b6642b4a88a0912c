package io.github.discoverysdk.session;

import java.util.List;

/**
 * A session with everything it holds: responses in catalogue order, notes oldest first, exports
 * oldest first. Immutable.
 */
public record SessionView(
    Session session, List<Response> responses, List<Note> notes, List<SessionExport> exports) {
  public SessionView {
    responses = List.copyOf(responses);
    notes = List.copyOf(notes);
    exports = List.copyOf(exports);
  }
}

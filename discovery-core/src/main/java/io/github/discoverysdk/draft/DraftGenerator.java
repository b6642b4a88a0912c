package io.github.discoverysdk.draft;

import java.util.List;

/**
 * Writes the outreach drafts of a card: one per {@link io.github.discoverysdk.playbook.Channel} of
 * the request's playbook. The default is {@link TemplateDraftGenerator}; {@code
 * discovery-connectors} has one that asks a chat-completions model. The engine calls it outside any
 * transaction; if it throws or returns a channel twice or not at all, the engine stores the
 * template's drafts instead, with the failure as their fallback reason. Implementations must be
 * thread-safe.
 */
public interface DraftGenerator {
  /** A stable id, stored with each draft it writes ({@code "template"}, {@code "chat:gpt-4o"}). */
  String id();

  /** The drafts of {@code request}, one per channel. */
  List<GeneratedDraft> generate(DraftRequest request) throws Exception;
}

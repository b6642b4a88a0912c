package io.github.discoverysdk.draft;

import io.github.discoverysdk.playbook.Channel;
import java.util.List;

/**
 * Calls a host's {@link DraftGenerator} and falls back to the template's drafts, with the reason,
 * when it throws or does not write exactly one draft per channel. Stateless.
 */
final class Fallback {
  private Fallback() {}

  static List<GeneratedDraft> call(
      DraftGenerator generator, TemplateDraftGenerator template, DraftRequest request) {
    if (generator instanceof TemplateDraftGenerator) {
      return template.generate(request);
    }
    List<GeneratedDraft> drafts;
    try {
      drafts = generator.generate(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return template.fallback(request, generator.id() + ": interrupted");
    } catch (Exception e) {
      return template.fallback(request, generator.id() + ": " + e);
    }
    if (drafts == null
        || drafts.size() != Channel.values().length
        || drafts.stream().map(GeneratedDraft::channel).distinct().count()
            != Channel.values().length) {
      return template.fallback(request, generator.id() + ": did not write one draft per channel");
    }
    return drafts;
  }
}

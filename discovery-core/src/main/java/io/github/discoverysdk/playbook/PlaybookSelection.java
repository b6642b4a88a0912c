package io.github.discoverysdk.playbook;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The playbook {@link Playbooks#select} chose for a card and why: the conditions of the rule that
 * held, or that no rule matched and the default was taken. Immutable and thread-safe.
 *
 * @param playbook the playbook chosen
 * @param rule the index of the matching rule in {@link Playbooks#rules()}; empty for the default
 * @param reasons one line per condition that held
 */
public record PlaybookSelection(Playbook playbook, OptionalInt rule, List<String> reasons) {
  public PlaybookSelection {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(rule, "rule");
    reasons = List.copyOf(reasons);
  }
}

package io.github.discoverysdk.search;

/** What a {@link SearchDocument} stands for. */
public enum SearchKind {
  /** An opportunity: its title, company, changes and review narrative. */
  OPPORTUNITY,
  /** The signal behind an opportunity: its title and body text. */
  SIGNAL,
  /** An outreach draft of a card, fed by the host's or the engine's draft writer. */
  DRAFT
}

package io.github.discoverysdk.session;

/** What a session note records. */
public enum NoteType {
  GENERAL,
  OPPORTUNITY,
  RISK,
  ACTION_ITEM
}

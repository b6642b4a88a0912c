package io.github.discoverysdk.session.catalogue;

/**
 * One answer of a {@link QuestionType#RADIO} question. Immutable.
 *
 * @param id the value stored in a response
 * @param label what the user sees
 */
public record Option(String id, String label) {}

package io.github.discoverysdk.matching;

/**
 * A normalised word of a text with its place in the original.
 *
 * @param text the folded form (lower case, no diacritics)
 * @param start offset of the first character in the original text
 * @param end offset after the last character in the original text
 */
public record Token(String text, int start, int end) {}

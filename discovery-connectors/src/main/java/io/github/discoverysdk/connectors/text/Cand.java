package io.github.discoverysdk.connectors.text;

/**
 * A classified run of tokens {@code [from, to)} whose name is the text {@code [start, end)}: an
 * organisation or a person, with the extractor's confidence.
 */
record Cand(int from, int to, int start, int end, boolean org, double confidence) {}

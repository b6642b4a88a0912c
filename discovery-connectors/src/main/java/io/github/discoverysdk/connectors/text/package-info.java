/**
 * Ingestion processors that understand what arrives: the language of a signal ({@link
 * io.github.discoverysdk.connectors.text.TextProcessors#language()}, Apache OpenNLP), the
 * organisations and people with their titles it names ({@link
 * io.github.discoverysdk.connectors.text.RuleEntityExtractor}, a gazetteer with rules), and its
 * themes ({@link io.github.discoverysdk.connectors.text.RuleThemeDetector}). Long texts are read in
 * chunks ({@link io.github.discoverysdk.connectors.text.Chunker}) whose spans are mapped back to
 * the original text.
 */
package io.github.discoverysdk.connectors.text;

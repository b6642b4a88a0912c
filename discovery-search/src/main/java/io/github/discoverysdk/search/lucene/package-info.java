/**
 * {@link io.github.discoverysdk.search.SearchIndex} on Apache Lucene: {@link
 * io.github.discoverysdk.search.lucene.LuceneSearchIndex}, on a directory or in memory.
 */
package io.github.discoverysdk.search.lucene;

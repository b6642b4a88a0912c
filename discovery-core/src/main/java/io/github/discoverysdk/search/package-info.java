/**
 * Full-text search over a tenant's opportunities, signals and outreach drafts: the {@link
 * io.github.discoverysdk.search.SearchIndex} SPI (implemented on Lucene by {@code
 * discovery-search}), its documents and queries, and {@link
 * io.github.discoverysdk.search.SearchSync}, which keeps an index in line with storage. Semantic
 * (vector) search is not offered.
 */
package io.github.discoverysdk.search;

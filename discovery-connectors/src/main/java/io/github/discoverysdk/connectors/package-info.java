/**
 * Signal sources and enrichers for public and paid services: job boards (Greenhouse, Lever, Ashby),
 * SEC EDGAR filings, news (RSS/Atom, Google News, GDELT), events (iCalendar, confs.tech,
 * Sessionize) and enrichment (Apollo-style, Serper-style, and a waterfall of enrichers). Every
 * source talks HTTP through one shared {@link io.github.discoverysdk.connectors.http.HttpToolkit}.
 */
package io.github.discoverysdk.connectors;

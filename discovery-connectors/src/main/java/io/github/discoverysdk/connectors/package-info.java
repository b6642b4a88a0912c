/**
 * HTTP connector toolkit and real signal sources and sinks. Empty until the connectors issue lands;
 * the module exists so that the build layout and the BOM are stable from the start.
 */
package io.github.discoverysdk.connectors;

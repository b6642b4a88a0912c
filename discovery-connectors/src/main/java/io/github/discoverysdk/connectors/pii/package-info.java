/**
 * PII redaction at ingestion: {@link io.github.discoverysdk.connectors.pii.PiiRedactor}, the
 * default {@link io.github.discoverysdk.spi.SignalProcessor}. It lives here rather than in core
 * because it carries Google's libphonenumber (about 10 MB of metadata), which core must not force
 * on every host.
 */
package io.github.discoverysdk.connectors.pii;

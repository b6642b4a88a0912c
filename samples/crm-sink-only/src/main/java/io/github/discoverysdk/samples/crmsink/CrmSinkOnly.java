package io.github.discoverysdk.samples.crmsink;

import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.sinks.HubSpotSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import java.net.URI;

/**
 * The whole of what a host that only pushes opportunities to HubSpot writes: a toolkit and a sink.
 * Its build resolves discovery-connectors without ROME, ical4j or Jakarta Mail.
 */
public final class CrmSinkOnly {
  private CrmSinkOnly() {}

  /** A HubSpot sink at {@code baseUrl} (HubSpot's own, or a test server) with these tokens. */
  public static OpportunitySink hubspot(HttpToolkit http, URI baseUrl, CredentialStore tokens) {
    return HubSpotSink.builder().http(http).baseUrl(baseUrl).credentials(tokens).build();
  }
}

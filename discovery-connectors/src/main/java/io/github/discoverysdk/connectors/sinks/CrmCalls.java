package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.SourceContext;
import java.util.Optional;

/**
 * How a CRM sink talks to its CRM: through the toolkit, with 404 and 409 turned into answers
 * (absent, already exists) rather than failures. Immutable and thread-safe.
 */
final class CrmCalls {
  private final String sinkId;
  private final HttpToolkit http;

  CrmCalls(String sinkId, HttpToolkit http) {
    this.sinkId = sinkId;
    this.http = http;
  }

  HttpToolkit http() {
    return http;
  }

  /** The answer, failing on any error status. */
  HttpResult send(String tenant, HttpCall call) throws ConnectorException, InterruptedException {
    return http.execute(call, SourceContext.of(http.clock(), tenant, sinkId));
  }

  /** The answer, or empty on 404: "there is no such record". */
  Optional<HttpResult> find(String tenant, HttpCall call)
      throws ConnectorException, InterruptedException {
    try {
      return Optional.of(send(tenant, call));
    } catch (ConnectorException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The answer, or empty on 409: the record already exists, which for a create keyed by a unique
   * property means an earlier delivery (whose answer was lost) already made it.
   */
  Optional<HttpResult> create(String tenant, HttpCall call)
      throws ConnectorException, InterruptedException {
    try {
      return Optional.of(send(tenant, call));
    } catch (ConnectorException e) {
      if (e.status() == 409) {
        return Optional.empty();
      }
      throw e;
    }
  }
}

package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Secret;
import java.util.Objects;

/**
 * What the CRM sinks share: the sink id, the tenant's token looked up before anything is sent, and
 * connector failures turned into typed {@link DeliveryException}s. Immutable and thread-safe when
 * the subclass is.
 */
abstract class CrmSink implements OpportunitySink {
  final String id;
  final CrmCalls calls;
  private final CredentialStore credentials;
  private final String provider;

  CrmSink(String id, CredentialStore credentials, String provider, HttpToolkit http) {
    this.id = id;
    this.credentials = credentials;
    this.provider = provider;
    this.calls = new CrmCalls(id, http);
  }

  @Override
  public final String id() {
    return id;
  }

  /**
   * Writes {@code opportunity} to the CRM; idempotent, see the class comment.
   *
   * @throws DeliveryException typed by what failed; {@link DeliveryException#permanent()} when
   *     retrying cannot help
   */
  @Override
  public final void accept(Opportunity opportunity, Profile profile)
      throws DeliveryException, InterruptedException {
    Objects.requireNonNull(opportunity, "opportunity");
    Objects.requireNonNull(profile, "profile");
    try {
      Secret token = SinkSupport.credential(credentials, opportunity.tenant(), provider, id);
      write(opportunity, profile, token);
    } catch (ConnectorException e) {
      throw DeliveryException.of(id, e);
    }
  }

  /** Writes the opportunity with the tenant's {@code token}. */
  abstract void write(Opportunity o, Profile profile, Secret token)
      throws ConnectorException, InterruptedException;
}

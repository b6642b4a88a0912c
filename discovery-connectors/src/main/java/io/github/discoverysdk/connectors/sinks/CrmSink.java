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

  CrmSink(Builder<?> b) {
    this.id = b.id;
    this.credentials = b.credentials;
    this.provider = b.provider;
    this.calls = new CrmCalls(b.id, b.http);
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
    SinkSupport.delivering(
        id,
        () -> {
          Secret token = SinkSupport.credential(credentials, opportunity.tenant(), provider, id);
          write(opportunity, profile, token);
        });
  }

  /** The tenant's token, for writes beside opportunities (session exports). */
  final Secret token(String tenant) throws ConnectorException {
    return SinkSupport.credential(credentials, tenant, provider, id);
  }

  /** Writes the opportunity with the tenant's {@code token}. */
  abstract void write(Opportunity o, Profile profile, Secret token)
      throws ConnectorException, InterruptedException;

  /**
   * The settings every CRM sink's builder has: the sink id, where the tenants' tokens are and under
   * which provider name, and the HTTP toolkit. Setters validate at once. Not thread-safe.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  abstract static class Builder<B extends Builder<B>> {
    private String id;
    private CredentialStore credentials;
    private String provider;
    private HttpToolkit http;

    /** A builder whose sink id and provider name both default to {@code name}. */
    Builder(String name) {
      this.id = name;
      this.provider = name;
    }

    /** This builder, as its own type. */
    abstract B self();

    /**
     * The sink's id, also the toolkit's rate-limit and breaker key; default the CRM's name in lower
     * case, as {@code "hubspot"}.
     */
    public B id(String id) {
      this.id = SinkSupport.notBlank("id", id);
      return self();
    }

    /** Where each tenant's token is, under {@link #provider(String)}. Required. */
    public B credentials(CredentialStore credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return self();
    }

    /**
     * The credential store's provider name of the token; default the CRM's name in lower case, as
     * {@code "hubspot"}.
     */
    public B provider(String provider) {
      this.provider = SinkSupport.notBlank("provider", provider);
      return self();
    }

    /** The HTTP toolkit the sink talks through. Required. */
    public B http(HttpToolkit http) {
      this.http = Objects.requireNonNull(http, "http");
      return self();
    }

    /** Fails unless the credential store is set. */
    void requireCredentials() {
      SinkSupport.required(credentials, "credentials");
    }

    /** Fails unless the HTTP toolkit is set. */
    void requireHttp() {
      SinkSupport.required(http, "http");
    }
  }
}

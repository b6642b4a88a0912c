package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.model.SignalStrength;
import java.net.URI;

/**
 * {@code discovery.sinks.*}: CRM sinks built from properties. Their tokens come from the {@code
 * CredentialStore} bean (the application's, else {@code discovery.credentials.*} in the
 * environment) under the provider names {@code hubspot} and {@code salesforce}. The application's
 * own {@code OpportunitySink} and {@code AlertSink} beans are added too. Bound once at start; not
 * thread-safe to change afterwards.
 */
public class DiscoverySinkProperties {
  /** HubSpot CRM. */
  private final HubSpot hubspot = new HubSpot();

  /** Salesforce. */
  private final Salesforce salesforce = new Salesforce();

  /** The HubSpot sink. */
  public HubSpot getHubspot() {
    return hubspot;
  }

  /** The Salesforce sink. */
  public Salesforce getSalesforce() {
    return salesforce;
  }

  /** What every CRM sink has. */
  public abstract static class Crm {
    /** Whether the sink is added. */
    private boolean enabled;

    /** The sink id; default the CRM's name (hubspot, salesforce). */
    private String id;

    /** Opportunities this strong or stronger are pushed automatically; unset pushes none. */
    private SignalStrength pushAtLeast = SignalStrength.STRONG;

    /** Whether the sink is added; default false. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Adds or removes the sink. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The sink id, if set. */
    public String getId() {
      return id;
    }

    /** Sets the sink id. */
    public void setId(String id) {
      this.id = id;
    }

    /** The weakest strength pushed automatically; null for none. */
    public SignalStrength getPushAtLeast() {
      return pushAtLeast;
    }

    /** Sets the weakest strength pushed automatically; null for none. */
    public void setPushAtLeast(SignalStrength pushAtLeast) {
      this.pushAtLeast = pushAtLeast;
    }
  }

  /** {@code discovery.sinks.hubspot.*} ({@code HubSpotSink}). */
  public static class HubSpot extends Crm {
    /** The API's base URL; default https://api.hubapi.com. */
    private URI baseUrl;

    /** The HubSpot owner of new deals, notes and tasks. */
    private String ownerId;

    /** The API base URL, if set. */
    public URI getBaseUrl() {
      return baseUrl;
    }

    /** Sets the API base URL. */
    public void setBaseUrl(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** The owner id, if set. */
    public String getOwnerId() {
      return ownerId;
    }

    /** Sets the owner id. */
    public void setOwnerId(String ownerId) {
      this.ownerId = ownerId;
    }
  }

  /** {@code discovery.sinks.salesforce.*} ({@code SalesforceSink}). */
  public static class Salesforce extends Crm {
    /** The org's instance, https://{MyDomain}.my.salesforce.com. Required when enabled. */
    private URI instanceUrl;

    /** The REST API version, as v62.0; unset for the sink's default. */
    private String apiVersion;

    /** The stage of a new Opportunity; unset for the sink's default (Prospecting). */
    private String stageName;

    /** The instance URL. */
    public URI getInstanceUrl() {
      return instanceUrl;
    }

    /** Sets the instance URL. */
    public void setInstanceUrl(URI instanceUrl) {
      this.instanceUrl = instanceUrl;
    }

    /** The API version, if set. */
    public String getApiVersion() {
      return apiVersion;
    }

    /** Sets the API version. */
    public void setApiVersion(String apiVersion) {
      this.apiVersion = apiVersion;
    }

    /** The stage name, if set. */
    public String getStageName() {
      return stageName;
    }

    /** Sets the stage name. */
    public void setStageName(String stageName) {
      this.stageName = stageName;
    }
  }
}

package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes each opportunity to Salesforce (REST API) as an Opportunity and a follow-up Task on the
 * outreach date, both upserted by an external id field ({@code Discovery_Id__c} by default, which
 * the org must define as External ID and unique on Opportunity and Task): {@code PATCH
 * /services/data/v62.0/sobjects/Opportunity/Discovery_Id__c/{id}} creates the record or updates the
 * one an earlier delivery made, so a repeated or retried delivery never creates a second.
 *
 * <p>A record that exists already is read first ({@code GET .../Discovery_Id__c/{id}}): an
 * Opportunity then gets only its name and description updated, so the seller's stage and close date
 * stay, and an existing Task is left alone. The access token ({@code Authorization: Bearer}) is
 * looked up per tenant in the {@link CredentialStore} under {@code "salesforce"}; without one the
 * sink fails with {@code MISSING_CREDENTIALS} and sends nothing. Refreshing OAuth tokens is the
 * host's job. 401/403 are permanent, except 403 {@code REQUEST_LIMIT_EXCEEDED}, the org's API
 * limit, which is a rate limit; 409 counts as "already exists"; 429 and 5xx are retried by the
 * toolkit.
 *
 * <p>Immutable and thread-safe.
 */
public final class SalesforceSink extends CrmSink {
  private final Function<String, URI> instanceUrl;
  private final String apiVersion;
  private final String externalIdField;
  private final String stageName;
  private final String leadSource;
  private final Period closeAfter;

  private SalesforceSink(Builder b) {
    super(b);
    this.instanceUrl = b.instanceUrl;
    this.apiVersion = b.apiVersion;
    this.externalIdField = b.externalIdField;
    this.stageName = b.stageName;
    this.leadSource = b.leadSource;
    this.closeAfter = b.closeAfter;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  void write(Opportunity o, Profile profile, Secret token)
      throws ConnectorException, InterruptedException {
    String tenant = o.tenant();
    URI base = Objects.requireNonNull(instanceUrl.apply(tenant), "instance URL of " + tenant);
    String key = SinkSupport.externalId(o);
    try {
      String opportunityId = upsertOpportunity(tenant, token, base, o, key);
      upsertTask(tenant, token, base, o, opportunityId, key + ":task:" + SinkSupport.signalTag(o));
    } catch (ConnectorException e) {
      throw classify(e);
    }
  }

  private String upsertOpportunity(String tenant, Secret token, URI base, Opportunity o, String key)
      throws ConnectorException, InterruptedException {
    URI byKey = sobject(base, "Opportunity", key);
    Optional<String> existing = find(tenant, token, byKey);
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    body.put("Name", SinkSupport.truncate(SinkSupport.headline(o), 120));
    body.put("Description", SinkSupport.truncate(description(o), 32_000));
    if (existing.isEmpty()) {
      LocalDate start = o.temporal().outreachDate().orElse(today());
      body.put("StageName", stageName);
      body.put("CloseDate", start.plus(closeAfter).toString());
      body.put("LeadSource", leadSource);
    }
    HttpResult r = upsert(tenant, token, byKey, body);
    if (r.status() == 204 || r.body().length == 0) {
      // older API versions answer an update with 204 and no body: read the id back
      return existing.isPresent()
          ? existing.get()
          : find(tenant, token, byKey)
              .orElseThrow(
                  () ->
                      ConnectorException.parseError(
                          id, null, "upserted Opportunity not found by " + externalIdField, null));
    }
    return idOf(r, "Opportunity upsert");
  }

  private void upsertTask(
      String tenant, Secret token, URI base, Opportunity o, String opportunityId, String key)
      throws ConnectorException, InterruptedException {
    URI byKey = sobject(base, "Task", key);
    if (find(tenant, token, byKey).isPresent()) {
      return; // the seller may have worked on it: never touch an existing task
    }
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    body.put("Subject", SinkSupport.truncate("Reach out: " + SinkSupport.headline(o), 255));
    body.put("ActivityDate", o.temporal().outreachDate().orElse(today()).toString());
    body.put("Status", "Not Started");
    body.put(
        "Priority",
        switch (o.temporal().urgency()) {
          case CRITICAL, HIGH -> "High";
          case MEDIUM -> "Normal";
          case LOW -> "Low";
        });
    body.put("WhatId", opportunityId);
    body.put(
        "Description",
        SinkSupport.truncate(
            o.temporal().recommendedAction() + "\nWhy now: " + SinkSupport.whyNow(o, 3), 32_000));
    upsert(tenant, token, byKey, body);
  }

  /**
   * Upserts one record of {@code type} by the external id {@code key} and returns its Salesforce
   * id: the same path an opportunity takes, for other exports (discovery sessions).
   */
  String upsertRecord(String tenant, Secret token, String type, String key, ObjectNode body)
      throws ConnectorException, InterruptedException {
    URI base = Objects.requireNonNull(instanceUrl.apply(tenant), "instance URL of " + tenant);
    URI byKey = sobject(base, type, key);
    try {
      HttpResult r = upsert(tenant, token, byKey, body);
      if (r.status() == 204 || r.body().length == 0) {
        return find(tenant, token, byKey)
            .orElseThrow(
                () ->
                    ConnectorException.parseError(
                        id, null, "upserted " + type + " not found by " + externalIdField, null));
      }
      return idOf(r, type + " upsert");
    } catch (ConnectorException e) {
      throw classify(e);
    }
  }

  private HttpResult upsert(String tenant, Secret token, URI byKey, ObjectNode body)
      throws ConnectorException, InterruptedException {
    HttpCall call = auth(HttpCall.patchJson(id, byKey, SinkSupport.write(body)), token).build();
    Optional<HttpResult> r = calls.create(tenant, call);
    if (r.isPresent()) {
      return r.get();
    }
    // 409 "already exists": an upsert keyed by the external id never duplicates; read it back
    return calls.send(tenant, auth(HttpCall.get(id, fields(byKey)), token).build());
  }

  private Optional<String> find(String tenant, Secret token, URI byKey)
      throws ConnectorException, InterruptedException {
    Optional<HttpResult> r =
        calls.find(tenant, auth(HttpCall.get(id, fields(byKey)), token).build());
    if (r.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(idOf(r.get(), "read by " + externalIdField));
  }

  /** 403 REQUEST_LIMIT_EXCEEDED is the org's daily API limit: a rate limit, not a refusal. */
  private ConnectorException classify(ConnectorException e) {
    if (e.status() == 403
        && e.responseSnippet().filter(s -> s.contains("REQUEST_LIMIT_EXCEEDED")).isPresent()) {
      return new ConnectorException(
          Kind.RATE_LIMITED,
          id,
          null,
          "the org's API request limit is exhausted (403 REQUEST_LIMIT_EXCEEDED)",
          403,
          null,
          e,
          e.responseSnippet().orElse(null));
    }
    return e;
  }

  private String idOf(HttpResult r, String what) throws ConnectorException {
    JsonNode n = SinkSupport.parse(id, r, what);
    JsonNode v = n.has("id") ? n.get("id") : n.path("Id");
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ConnectorException.parseError(id, null, "no id in the answer to " + what, null);
    }
    return v.asText();
  }

  private URI sobject(URI base, String type, String key) {
    return URI.create(
        base.toString().replaceAll("/+$", "")
            + "/services/data/"
            + apiVersion
            + "/sobjects/"
            + type
            + "/"
            + externalIdField
            + "/"
            + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static URI fields(URI byKey) {
    return URI.create(byKey + "?fields=Id");
  }

  private HttpCall.Builder auth(HttpCall.Builder b, Secret token) {
    // Reads and upserts by external id are safe to repeat.
    return b.secretHeader("Authorization", Secret.of("Bearer " + token.reveal()))
        .header("Accept", "application/json")
        // The instance URL is the host's to set (a gateway path may carry a key): never shown.
        .secretPath()
        .retryAllServerErrors();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(calls.http().clock().instant(), ZoneOffset.UTC);
  }

  private static String description(Opportunity o) {
    StringBuilder b = new StringBuilder("Why now: ").append(SinkSupport.whyNow(o, 3));
    b.append("\nScore ")
        .append(SinkSupport.score(o))
        .append(" (")
        .append(SinkSupport.lower(o.strength()))
        .append("), urgency ")
        .append(SinkSupport.lower(o.temporal().urgency()));
    o.temporal().outreachDate().ifPresent(d -> b.append(", reach out by ").append(d));
    o.url().ifPresent(u -> b.append('\n').append(u));
    return b.toString();
  }

  @Override
  public String toString() {
    return "SalesforceSink[" + id + "]";
  }

  /**
   * Builds a {@link SalesforceSink}; setters validate at once. The sink id and the token's provider
   * name default to {@code "salesforce"}. Not thread-safe.
   */
  public static final class Builder extends CrmSink.Builder<Builder> {
    private Function<String, URI> instanceUrl;
    private String apiVersion = "v62.0";
    private String externalIdField = "Discovery_Id__c";
    private String stageName = "Prospecting";
    private String leadSource = "Discovery SDK";
    private Period closeAfter = Period.ofDays(90);

    private Builder() {
      super("salesforce");
    }

    @Override
    Builder self() {
      return this;
    }

    /** The org's instance, {@code https://{MyDomain}.my.salesforce.com}, for every tenant. */
    public Builder instanceUrl(URI url) {
      Objects.requireNonNull(url, "url");
      this.instanceUrl = tenant -> url;
      return this;
    }

    /** Each tenant's instance, when tenants have their own orgs. */
    public Builder instanceUrl(Function<String, URI> byTenant) {
      this.instanceUrl = Objects.requireNonNull(byTenant, "byTenant");
      return this;
    }

    /** The REST API version, pinned; default {@code v62.0}. */
    public Builder apiVersion(String version) {
      SinkSupport.notBlank("apiVersion", version);
      if (!version.matches("v\\d+\\.\\d")) {
        throw new ValidationException("apiVersion must look like v62.0, was '" + version + "'");
      }
      this.apiVersion = version;
      return this;
    }

    /** The External ID field on Opportunity and Task; default {@code Discovery_Id__c}. */
    public Builder externalIdField(String field) {
      this.externalIdField = SinkSupport.notBlank("externalIdField", field);
      return this;
    }

    /** Stage of a new Opportunity; default {@code Prospecting}. */
    public Builder stageName(String stageName) {
      this.stageName = SinkSupport.notBlank("stageName", stageName);
      return this;
    }

    public Builder leadSource(String leadSource) {
      this.leadSource = SinkSupport.notBlank("leadSource", leadSource);
      return this;
    }

    /** A new Opportunity's close date: this long after the outreach date; default 90 days. */
    public Builder closeAfter(Period period) {
      Objects.requireNonNull(period, "period");
      if (period.isNegative()) {
        throw new ValidationException("closeAfter must not be negative, was " + period);
      }
      this.closeAfter = period;
      return this;
    }

    public SalesforceSink build() {
      SinkSupport.required(instanceUrl, "instanceUrl");
      requireCredentials();
      requireHttp();
      return new SalesforceSink(this);
    }
  }
}

package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.connectors.HubSpotApiVersion;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SinkRecordState;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes each opportunity to HubSpot CRM (the objects API, in the {@link HubSpotApiVersion} set on
 * the builder) as a deal, with a note ("why now") and a task on the outreach date, both associated
 * with the deal.
 *
 * <p>Idempotent through unique-value custom properties the portal must have: {@code
 * discovery_opportunity_id} on deals and {@code discovery_activity_id} on notes and tasks (names
 * configurable). The deal is read by that property ({@code GET
 * /crm/objects/{version}/deals/{value}?idProperty=...}, a consistent read, unlike the search index)
 * and created when absent, else only its name and description are updated, so a stage the seller
 * moved is never reset (which a blind batch upsert would do). Notes and tasks are created with
 * their unique key; HubSpot answers 409 to a repeat, which counts as success. A repeated delivery,
 * or one retried after the answer was lost, therefore creates nothing twice; a changed signal adds
 * one new note and task.
 *
 * <p>The token (private app or OAuth, {@code Authorization: Bearer}) is looked up per tenant in the
 * {@link CredentialStore} under {@code "hubspot"}; without one the sink fails with {@code
 * MISSING_CREDENTIALS} and sends nothing. 401/403 are permanent; 429 is retried after {@code
 * Retry-After} (HubSpot's ten-secondly limit), 5xx with backoff.
 *
 * <p>Immutable and thread-safe.
 */
public final class HubSpotSink extends CrmSink {
  static final int NOTE_TO_DEAL = 214;
  static final int TASK_TO_DEAL = 216;

  private final URI baseUrl;
  private final HubSpotApiVersion api;
  private final String dealIdProperty;
  private final String activityIdProperty;
  private final String pipeline;
  private final String dealStage;
  private final String ownerId;

  private HubSpotSink(Builder b) {
    super(b);
    this.baseUrl = b.baseUrl;
    this.api = b.api;
    this.dealIdProperty = b.dealIdProperty;
    this.activityIdProperty = b.activityIdProperty;
    this.pipeline = b.pipeline;
    this.dealStage = b.dealStage;
    this.ownerId = b.ownerId;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  void write(Opportunity o, Profile profile, Secret token)
      throws ConnectorException, InterruptedException {
    String tenant = o.tenant();
    String key = SinkSupport.externalId(o);
    String dealId = upsertDeal(tenant, token, o, key);
    String tag = SinkSupport.signalTag(o);
    createNote(tenant, token, o, dealId, key + ":note:" + tag);
    createTask(tenant, token, o, dealId, key + ":task:" + tag);
  }

  /**
   * Reads the deal back by its unique property: {@link SinkRecordState#MISSING} when HubSpot has
   * none, {@link SinkRecordState#DIFFERENT} when its name or description is no longer what this
   * sink writes for {@code opportunity} (someone edited it, or a push was lost), else {@link
   * SinkRecordState#MATCHES}. One GET; writes nothing.
   *
   * @throws ConnectorException if HubSpot could not be asked (no token, 5xx, …)
   */
  @Override
  public SinkRecordState lookup(Opportunity opportunity)
      throws ConnectorException, InterruptedException {
    Objects.requireNonNull(opportunity, "opportunity");
    String tenant = opportunity.tenant();
    Secret token = token(tenant);
    URI u =
        uri(
            api.objects("deals")
                + "/"
                + encode(SinkSupport.externalId(opportunity))
                + "?idProperty="
                + encode(dealIdProperty)
                + "&properties="
                + encode("dealname,description"));
    Optional<HttpResult> r = calls.find(tenant, call(HttpCall.get(id, u), token).build());
    if (r.isEmpty()) {
      return SinkRecordState.MISSING;
    }
    JsonNode props = SinkSupport.parse(id, r.get(), "deal read").path("properties");
    boolean same =
        SinkSupport.truncate(SinkSupport.headline(opportunity), 250)
                .equals(props.path("dealname").asText(null))
            && description(opportunity).equals(props.path("description").asText(null));
    return same ? SinkRecordState.MATCHES : SinkRecordState.DIFFERENT;
  }

  private String upsertDeal(String tenant, Secret token, Opportunity o, String key)
      throws ConnectorException, InterruptedException {
    Optional<String> existing = findDeal(tenant, token, key);
    if (existing.isPresent()) {
      ObjectNode body = SinkSupport.JSON.createObjectNode();
      ObjectNode props = body.putObject("properties");
      props.put("dealname", SinkSupport.truncate(SinkSupport.headline(o), 250));
      props.put("description", description(o));
      calls.send(
          tenant,
          call(
                  HttpCall.patchJson(
                      id,
                      uri(api.objects("deals") + "/" + encode(existing.get())),
                      SinkSupport.write(body)),
                  token)
              .build());
      return existing.get();
    }
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    ObjectNode props = body.putObject("properties");
    props.put("dealname", SinkSupport.truncate(SinkSupport.headline(o), 250));
    props.put("pipeline", pipeline);
    props.put("dealstage", dealStage);
    props.put("description", description(o));
    props.put(dealIdProperty, key);
    if (ownerId != null) {
      props.put("hubspot_owner_id", ownerId);
    }
    Optional<HttpResult> created =
        calls.create(
            tenant,
            call(HttpCall.postJson(id, uri(api.objects("deals")), SinkSupport.write(body)), token)
                .build());
    if (created.isPresent()) {
      return idOf(created.get(), "deal create");
    }
    // 409: an earlier delivery created it; read it back by the unique property
    return findDeal(tenant, token, key)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ConnectorException.Kind.CLIENT_ERROR,
                    id,
                    "HubSpot answered 409 to the deal but cannot find it by " + dealIdProperty));
  }

  private Optional<String> findDeal(String tenant, Secret token, String key)
      throws ConnectorException, InterruptedException {
    URI u =
        uri(
            api.objects("deals")
                + "/"
                + encode(key)
                + "?idProperty="
                + encode(dealIdProperty)
                + "&properties="
                + encode(dealIdProperty));
    Optional<HttpResult> r = calls.find(tenant, call(HttpCall.get(id, u), token).build());
    if (r.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(idOf(r.get(), "deal read"));
  }

  private void createNote(String tenant, Secret token, Opportunity o, String dealId, String key)
      throws ConnectorException, InterruptedException {
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    ObjectNode props = body.putObject("properties");
    props.put("hs_timestamp", calls.http().clock().instant().toString());
    props.put("hs_note_body", SinkSupport.truncate(noteBody(o), 65_000));
    props.put(activityIdProperty, key);
    if (ownerId != null) {
      props.put("hubspot_owner_id", ownerId);
    }
    associate(body, dealId, NOTE_TO_DEAL);
    calls.create(
        tenant,
        call(HttpCall.postJson(id, uri(api.objects("notes")), SinkSupport.write(body)), token)
            .build());
  }

  private void createTask(String tenant, Secret token, Opportunity o, String dealId, String key)
      throws ConnectorException, InterruptedException {
    LocalDate due =
        o.temporal()
            .outreachDate()
            .orElse(LocalDate.ofInstant(calls.http().clock().instant(), ZoneOffset.UTC));
    Instant at = due.atTime(9, 0).toInstant(ZoneOffset.UTC);
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    ObjectNode props = body.putObject("properties");
    props.put("hs_timestamp", at.toString());
    props.put(
        "hs_task_subject", SinkSupport.truncate("Reach out: " + SinkSupport.headline(o), 250));
    props.put("hs_task_body", SinkSupport.truncate(taskBody(o), 65_000));
    props.put("hs_task_status", "NOT_STARTED");
    props.put("hs_task_priority", priority(o.temporal().urgency()));
    props.put("hs_task_type", "TODO");
    props.put(activityIdProperty, key);
    if (ownerId != null) {
      props.put("hubspot_owner_id", ownerId);
    }
    associate(body, dealId, TASK_TO_DEAL);
    calls.create(
        tenant,
        call(HttpCall.postJson(id, uri(api.objects("tasks")), SinkSupport.write(body)), token)
            .build());
  }

  private static void associate(ObjectNode body, String dealId, int typeId) {
    ObjectNode a = body.putArray("associations").addObject();
    a.putObject("to").put("id", dealId);
    a.putArray("types")
        .addObject()
        .put("associationCategory", "HUBSPOT_DEFINED")
        .put("associationTypeId", typeId);
  }

  static String priority(Urgency u) {
    return switch (u) {
      case CRITICAL, HIGH -> "HIGH";
      case MEDIUM -> "MEDIUM";
      case LOW -> "LOW";
    };
  }

  private static String description(Opportunity o) {
    return SinkSupport.truncate(
        "Why now: " + SinkSupport.whyNow(o, 3) + o.url().map(u -> "\n" + u).orElse(""), 10_000);
  }

  private static String noteBody(Opportunity o) {
    StringBuilder b = new StringBuilder();
    b.append("<p><strong>Why now:</strong> ")
        .append(MailTemplate.escapeHtml(SinkSupport.whyNow(o, 3)))
        .append("</p>");
    b.append("<p>Score ")
        .append(SinkSupport.score(o))
        .append(" (")
        .append(SinkSupport.lower(o.strength()))
        .append("), urgency ")
        .append(SinkSupport.lower(o.temporal().urgency()))
        .append(o.temporal().outreachDate().map(d -> ", reach out by " + d).orElse(""))
        .append("</p>");
    for (String c : o.changes()) {
      b.append("<p>Changed: ").append(MailTemplate.escapeHtml(c)).append("</p>");
    }
    o.url()
        .ifPresent(
            u ->
                b.append("<p><a href=\"")
                    .append(MailTemplate.escapeHtml(u.toString()))
                    .append("\">Source</a></p>"));
    return b.toString();
  }

  private static String taskBody(Opportunity o) {
    return o.temporal().recommendedAction() + "\nWhy now: " + SinkSupport.whyNow(o, 3);
  }

  private String idOf(HttpResult r, String what) throws ConnectorException {
    JsonNode id = SinkSupport.parse(this.id, r, what).path("id");
    if (!id.isTextual() && !id.isNumber()) {
      throw ConnectorException.parseError(this.id, null, "no id in the answer to " + what, null);
    }
    return id.asText();
  }

  private HttpCall.Builder call(HttpCall.Builder b, Secret token) {
    // Every HubSpot call here is safe to repeat: reads, a PATCH, and creates keyed by a unique
    // property (a repeat answers 409).
    // The base URL is the host's to set (a gateway path may carry a key): never shown.
    return b.secretHeader("Authorization", Secret.of("Bearer " + token.reveal()))
        .secretPath()
        .retryAllServerErrors();
  }

  private URI uri(String pathAndQuery) {
    return URI.create(baseUrl.toString().replaceAll("/+$", "") + pathAndQuery);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "HubSpotSink[" + id + ", " + baseUrl.getHost() + "]";
  }

  /**
   * Builds a {@link HubSpotSink}; setters validate at once. The sink id and the token's provider
   * name default to {@code "hubspot"}. Not thread-safe.
   */
  public static final class Builder extends CrmSink.Builder<Builder> {
    private URI baseUrl = URI.create("https://api.hubapi.com");
    private HubSpotApiVersion api = HubSpotApiVersion.DEFAULT;
    private String dealIdProperty = "discovery_opportunity_id";
    private String activityIdProperty = "discovery_activity_id";
    private String pipeline = "default";
    private String dealStage = "appointmentscheduled";
    private String ownerId;

    private Builder() {
      super("hubspot");
    }

    @Override
    Builder self() {
      return this;
    }

    /** Default {@code https://api.hubapi.com}. */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The API version called; default {@link HubSpotApiVersion#DEFAULT}. */
    public Builder apiVersion(HubSpotApiVersion version) {
      this.api = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The unique-value deal property holding the opportunity's id. */
    public Builder dealIdProperty(String name) {
      this.dealIdProperty = SinkSupport.notBlank("dealIdProperty", name);
      return this;
    }

    /** The unique-value property of notes and tasks holding their key. */
    public Builder activityIdProperty(String name) {
      this.activityIdProperty = SinkSupport.notBlank("activityIdProperty", name);
      return this;
    }

    /** Pipeline and stage of a new deal; default {@code default} / {@code appointmentscheduled}. */
    public Builder pipeline(String pipeline, String dealStage) {
      this.pipeline = SinkSupport.notBlank("pipeline", pipeline);
      this.dealStage = SinkSupport.notBlank("dealStage", dealStage);
      return this;
    }

    /** The HubSpot owner of new deals, notes and tasks. */
    public Builder ownerId(String ownerId) {
      this.ownerId = SinkSupport.notBlank("ownerId", ownerId);
      return this;
    }

    public HubSpotSink build() {
      requireCredentials();
      requireHttp();
      return new HubSpotSink(this);
    }
  }
}

package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.support.Hashing;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes each opportunity to Pipedrive as a deal (API v2), a note (v1) and a task activity (v2).
 *
 * <p>Pipedrive has no upsert, so the sink looks before it creates: the deal is searched by a search
 * key derived from the opportunity's id, held in a deal custom field (the field's 40-character key
 * is required: {@link Builder#externalIdField}). The search key is {@value #SEARCH_KEY_LENGTH}
 * characters ({@code dsc-} and a SHA-256 prefix of tenant and id) because Pipedrive's {@code
 * exact_match} only works for terms of at most 30 characters; each hit is then read back and taken
 * only if its custom field holds exactly that key, since a search may also return deals that merely
 * contain the term. Notes and activities are listed by deal and matched by a reference code the
 * sink writes into them. Creates are marked non-idempotent for the toolkit, which then never
 * re-sends one that may have reached Pipedrive; instead the sink looks again and only then creates,
 * up to three rounds. A delivery repeated after its answer was lost therefore finds what the first
 * one made. (Deal search runs on Pipedrive's search index, which may lag a fresh deal by seconds; a
 * retry that soon can still duplicate a deal, which is why the outbox waits before it retries.)
 *
 * <p>The API token ({@code x-api-token}) is looked up per tenant in the {@link CredentialStore}
 * under {@code "pipedrive"}; without one the sink fails with {@code MISSING_CREDENTIALS} and sends
 * nothing. 401/403 are permanent (403 is also the plan's deal cap), 409 counts as "already exists",
 * 429 is retried after the server's delay by the toolkit.
 *
 * <p>Immutable and thread-safe.
 */
public final class PipedriveSink extends CrmSink {
  private static final int ROUNDS = 3;

  /**
   * The length of the search key: Pipedrive matches exactly only terms of 30 characters or less.
   */
  static final int SEARCH_KEY_LENGTH = 30;

  private final Function<String, URI> baseUrl;
  private final String externalIdField;
  private final Long ownerId;
  private final Long pipelineId;
  private final Long stageId;

  private PipedriveSink(Builder b) {
    super(b);
    this.baseUrl = b.baseUrl;
    this.externalIdField = b.externalIdField;
    this.ownerId = b.ownerId;
    this.pipelineId = b.pipelineId;
    this.stageId = b.stageId;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  void write(Opportunity o, Profile profile, Secret token)
      throws ConnectorException, InterruptedException {
    String tenant = o.tenant();
    URI base = Objects.requireNonNull(baseUrl.apply(tenant), "Pipedrive URL of " + tenant);
    String key = SinkSupport.externalId(o);
    String tag = SinkSupport.signalTag(o);
    long dealId = deal(tenant, token, base, o, searchKey(key));
    note(tenant, token, base, o, dealId, reference(key, "note", tag));
    activity(tenant, token, base, o, dealId, reference(key, "task", tag));
  }

  /** The deal's search key: {@code dsc-} and 26 hex digits of SHA-256 over the external id. */
  static String searchKey(String externalId) {
    return "dsc-" + Hashing.sha256Hex(externalId).substring(0, SEARCH_KEY_LENGTH - 4);
  }

  /** A short code in safe characters that survives Pipedrive's HTML sanitising. */
  static String reference(String key, String kind, String tag) {
    return "discovery-ref-" + Hashing.sha256Hex(key + "|" + kind + "|" + tag).substring(0, 24);
  }

  private long deal(String tenant, Secret token, URI base, Opportunity o, String key)
      throws ConnectorException, InterruptedException {
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    body.put("title", SinkSupport.truncate(SinkSupport.headline(o), 255));
    body.putObject("custom_fields").put(externalIdField, key);
    o.temporal().outreachDate().ifPresent(d -> body.put("expected_close_date", d.toString()));
    if (ownerId != null) {
      body.put("owner_id", ownerId);
    }
    if (pipelineId != null) {
      body.put("pipeline_id", pipelineId);
    }
    if (stageId != null) {
      body.put("stage_id", stageId);
    }
    String json = SinkSupport.write(body);
    return lookThenCreate(
        tenant,
        () -> findDeal(tenant, token, base, key),
        () -> post(tenant, token, uri(base, "/api/v2/deals"), json, "deal create"));
  }

  private Optional<Long> findDeal(String tenant, Secret token, URI base, String key)
      throws ConnectorException, InterruptedException {
    URI u =
        uri(
            base,
            "/api/v2/deals/search?term="
                + encode(key)
                + "&fields=custom_fields&exact_match=true&limit=10");
    JsonNode items =
        SinkSupport.parse(id, calls.send(tenant, get(u, token)), "deal search")
            .path("data")
            .path("items");
    for (JsonNode item : items) {
      JsonNode deal = item.path("item");
      if (deal.path("id").canConvertToLong()
          && deal.path("id").asLong() > 0
          && holdsKey(tenant, token, base, deal.path("id").asLong(), key)) {
        return Optional.of(deal.path("id").asLong());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the deal's custom field holds exactly {@code key}: a search hit may only contain it.
   */
  private boolean holdsKey(String tenant, Secret token, URI base, long dealId, String key)
      throws ConnectorException, InterruptedException {
    Optional<HttpResult> read =
        calls.find(tenant, get(uri(base, "/api/v2/deals/" + dealId), token));
    if (read.isEmpty()) {
      return false; // deleted since the search index saw it
    }
    JsonNode deal = SinkSupport.parse(id, read.get(), "deal").path("data");
    return key.equals(deal.path("custom_fields").path(externalIdField).asText(null));
  }

  private void note(String tenant, Secret token, URI base, Opportunity o, long dealId, String ref)
      throws ConnectorException, InterruptedException {
    StringBuilder content = new StringBuilder();
    content
        .append("<p><b>Why now:</b> ")
        .append(MailTemplate.escapeHtml(SinkSupport.whyNow(o, 3)))
        .append("</p>");
    for (String c : o.changes()) {
      content.append("<p>Changed: ").append(MailTemplate.escapeHtml(c)).append("</p>");
    }
    o.url()
        .ifPresent(
            u ->
                content.append("<p>").append(MailTemplate.escapeHtml(u.toString())).append("</p>"));
    content.append("<p>ref: ").append(ref).append("</p>");
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    body.put("content", content.toString());
    body.put("deal_id", dealId);
    String json = SinkSupport.write(body);
    URI list = uri(base, "/api/v1/notes?deal_id=" + dealId + "&limit=500");
    lookThenCreate(
        tenant,
        () -> findByReference(tenant, token, list, ref, "content", "note list"),
        () -> post(tenant, token, uri(base, "/api/v1/notes"), json, "note create"));
  }

  private void activity(
      String tenant, Secret token, URI base, Opportunity o, long dealId, String ref)
      throws ConnectorException, InterruptedException {
    LocalDate due =
        o.temporal()
            .outreachDate()
            .orElse(LocalDate.ofInstant(calls.http().clock().instant(), ZoneOffset.UTC));
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    body.put("subject", SinkSupport.truncate("Reach out: " + SinkSupport.headline(o), 255));
    body.put("type", "task");
    body.put("due_date", due.toString());
    body.put("deal_id", dealId);
    if (ownerId != null) {
      body.put("owner_id", ownerId);
    }
    body.put("note", MailTemplate.escapeHtml(o.temporal().recommendedAction()) + "<br>ref: " + ref);
    String json = SinkSupport.write(body);
    URI list = uri(base, "/api/v2/activities?deal_id=" + dealId + "&limit=500");
    lookThenCreate(
        tenant,
        () -> findByReference(tenant, token, list, ref, "note", "activity list"),
        () -> post(tenant, token, uri(base, "/api/v2/activities"), json, "activity create"));
  }

  private Optional<Long> findByReference(
      String tenant, Secret token, URI list, String ref, String field, String what)
      throws ConnectorException, InterruptedException {
    JsonNode data = SinkSupport.parse(id, calls.send(tenant, get(list, token)), what).path("data");
    for (JsonNode item : data) {
      if (item.path(field).asText("").contains(ref)) {
        return Optional.of(item.path("id").asLong());
      }
    }
    return Optional.empty();
  }

  private interface Step<T> {
    T run() throws ConnectorException, InterruptedException;
  }

  /**
   * Looks, and creates only when nothing is found; a create that failed after it may have reached
   * Pipedrive is followed by another look, never by a blind re-send.
   */
  private long lookThenCreate(String tenant, Step<Optional<Long>> look, Step<Optional<Long>> create)
      throws ConnectorException, InterruptedException {
    ConnectorException last = null;
    for (int round = 1; round <= ROUNDS; round++) {
      Optional<Long> found = look.run();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Optional<Long> made = create.run();
        if (made.isPresent()) {
          return made.get();
        }
        // 409: it exists after all; the next look finds it
      } catch (ConnectorException e) {
        if (e.permanent()) {
          throw e;
        }
        last = e;
        calls.http().sleeper().sleep(Duration.ofMillis(250L * round));
      }
    }
    if (last != null) {
      throw last;
    }
    throw new ConnectorException(
        ConnectorException.Kind.CLIENT_ERROR,
        id,
        "Pipedrive answered 409 but the record cannot be found for tenant '" + tenant + "'");
  }

  private Optional<Long> post(String tenant, Secret token, URI u, String json, String what)
      throws ConnectorException, InterruptedException {
    HttpCall call =
        HttpCall.postJson(id, u, json)
            .secretHeader("x-api-token", token)
            .secretPath()
            .nonIdempotent()
            .build();
    Optional<HttpResult> r = calls.create(tenant, call);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = SinkSupport.parse(id, r.get(), what).path("data").path("id");
    if (!n.canConvertToLong()) {
      throw ConnectorException.parseError(id, null, "no data.id in the answer to " + what, null);
    }
    return Optional.of(n.asLong());
  }

  private HttpCall get(URI u, Secret token) {
    // The base URL is the host's to set (a gateway path may carry a key): never shown.
    return HttpCall.get(id, u)
        .secretHeader("x-api-token", token)
        .secretPath()
        .retryAllServerErrors()
        .build();
  }

  private static URI uri(URI base, String pathAndQuery) {
    return URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "PipedriveSink[" + id + "]";
  }

  /**
   * Builds a {@link PipedriveSink}; setters validate at once. The sink id and the token's provider
   * name default to {@code "pipedrive"}. Not thread-safe.
   */
  public static final class Builder extends CrmSink.Builder<Builder> {
    private Function<String, URI> baseUrl;
    private String externalIdField;
    private Long ownerId;
    private Long pipelineId;
    private Long stageId;

    private Builder() {
      super("pipedrive");
    }

    @Override
    Builder self() {
      return this;
    }

    /** The company's API base, {@code https://{companydomain}.pipedrive.com}, for every tenant. */
    public Builder baseUrl(URI url) {
      Objects.requireNonNull(url, "url");
      this.baseUrl = tenant -> url;
      return this;
    }

    /** Each tenant's API base, when tenants have their own Pipedrive companies. */
    public Builder baseUrl(Function<String, URI> byTenant) {
      this.baseUrl = Objects.requireNonNull(byTenant, "byTenant");
      return this;
    }

    /** The key of the deal custom field (text) that holds the opportunity's id. Required. */
    public Builder externalIdField(String fieldKey) {
      this.externalIdField = SinkSupport.notBlank("externalIdField", fieldKey);
      return this;
    }

    public Builder ownerId(long ownerId) {
      this.ownerId = ownerId;
      return this;
    }

    /** Pipeline and stage of new deals; Pipedrive's defaults when not set. */
    public Builder pipeline(long pipelineId, long stageId) {
      this.pipelineId = pipelineId;
      this.stageId = stageId;
      return this;
    }

    public PipedriveSink build() {
      SinkSupport.required(baseUrl, "baseUrl");
      requireCredentials();
      SinkSupport.required(externalIdField, "externalIdField");
      requireHttp();
      return new PipedriveSink(this);
    }
  }
}

package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealRequest;
import io.github.discoverysdk.deals.DealSource;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Closed deals from HubSpot CRM, in the {@link HubSpotApiVersion} set on the builder (paths below
 * in the legacy form): {@code POST /crm/v3/objects/deals/search} for the deals with {@code
 * hs_is_closed = true} and {@code hs_lastmodifieddate} at or after the watermark, oldest change
 * first, paged by {@code paging.next.after}; then, per page, the deals' contact and company
 * associations ({@code POST /crm/v4/associations/deals/{contacts,companies}/batch/read}) and those
 * records ({@code POST /crm/v3/objects/{contacts,companies}/batch/read}, at most {@value
 * #BATCH_READ} ids a call): five calls for a page whose deals have up to 100 contacts, however many
 * deals it holds.
 *
 * <p>The stage comes from {@code hs_is_closed_won} / {@code hs_is_closed}, which HubSpot computes
 * for every pipeline, so custom stage ids need no mapping. The search API serves at most 10,000
 * results per query: before a cursor would pass that, the next page restarts the query at the last
 * change seen (re-reading that instant's deals, which {@code DealStore.saveAll} ignores).
 *
 * <p>The token ({@code Authorization: Bearer}) is looked up per tenant in the {@link
 * CredentialStore} under the source id ({@code "hubspot"}); without one, {@code fetch} fails with
 * {@code MISSING_CREDENTIALS} before any request. 401/403 fail with {@code UNAUTHORIZED}; 429 is
 * retried by the toolkit after {@code Retry-After}, else after HubSpot's ten-second window. A deal
 * without a name, close date or modification date, or with an amount or currency HubSpot should
 * never send, is rejected alone with its reason; a contact without a usable email is left off its
 * deal and reported the same way.
 *
 * <p>Immutable and thread-safe.
 */
public final class HubSpotDeals implements DealSource {
  /** HubSpot's search API serves at most this many results per query. */
  static final int SEARCH_WINDOW = 10_000;

  /** HubSpot's most inputs per object batch read. */
  static final int BATCH_READ = 100;

  private static final Duration BACKOFF = Duration.ofSeconds(10);
  private static final List<String> DEAL_PROPERTIES =
      List.of(
          "dealname",
          "dealstage",
          "amount",
          "deal_currency_code",
          "closedate",
          "hs_lastmodifieddate",
          "hs_is_closed",
          "hs_is_closed_won");

  private final String id;
  private final HttpToolkit http;
  private final URI baseUrl;
  private final HubSpotApiVersion api;
  private final CredentialStore credentials;

  private HubSpotDeals(Builder b) {
    this.id = b.id;
    this.http = b.http;
    this.baseUrl = b.baseUrl;
    this.api = b.api;
    this.credentials = b.credentials;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public DealPage fetch(DealRequest request, SourceContext context)
      throws ConnectorException, InterruptedException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    Secret token = Enrichers.token(credentials, id, context.tenant(), "HubSpot");
    HubSpotCursor cursor = HubSpotCursor.parse(id, request);
    JsonNode answer =
        post(token, context, api.objects("deals") + "/search", search(cursor, request));
    JsonNode results = Json.arrayField(id, answer, "results", "deal search");
    List<JsonNode> records = new ArrayList<>();
    results.forEach(records::add);
    List<String> dealIds = new ArrayList<>();
    for (JsonNode r : records) {
      Json.text(r, "id").ifPresent(dealIds::add);
    }
    Map<String, List<String>> contactIds = associations(token, context, "contacts", dealIds);
    Map<String, List<String>> companyIds = associations(token, context, "companies", dealIds);
    Map<String, JsonNode> contacts =
        read(
            token,
            context,
            "contacts",
            values(contactIds),
            "email",
            "firstname",
            "lastname",
            "jobtitle");
    Map<String, JsonNode> companies =
        read(token, context, "companies", values(companyIds), "name", "domain");

    HubSpotDealMapper mapper = new HubSpotDealMapper(id, context.tenant());
    List<Deal> deals = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode r = records.get(i);
      String dealId = Json.text(r, "id").orElse("#" + (cursor.after() + i));
      try {
        Deal d =
            mapper.deal(
                r,
                pick(contacts, contactIds.getOrDefault(dealId, List.of())),
                pick(companies, companyIds.getOrDefault(dealId, List.of())),
                rejected);
        deals.add(d);
      } catch (IllegalArgumentException | ValidationException e) {
        rejected.add(RejectedRecord.of(dealId, e.getMessage()));
      }
    }
    Optional<String> after = Json.text(answer.path("paging").path("next"), "after");
    Optional<String> next = Optional.empty();
    if (after.isPresent()) {
      next =
          Optional.of(
              cursor
                  .next(id, after.get(), request.limit(), lastLastModified(records, cursor))
                  .encode());
    }
    return new DealPage(deals, rejected, next);
  }

  private static Instant lastLastModified(List<JsonNode> records, HubSpotCursor cursor) {
    Instant last = cursor.since();
    for (JsonNode r : records) {
      try {
        Optional<Instant> t =
            HubSpotDealMapper.instant(r.path("properties"), "hs_lastmodifieddate");
        if (t.isPresent() && t.get().isAfter(last)) {
          last = t.get();
        }
      } catch (IllegalArgumentException e) {
        // a malformed record, rejected with its reason where the page is mapped
      }
    }
    return last;
  }

  private ObjectNode search(HubSpotCursor cursor, DealRequest request) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
    filters
        .addObject()
        .put("propertyName", "hs_lastmodifieddate")
        .put("operator", "GTE")
        .put("value", String.valueOf(cursor.since().toEpochMilli()));
    filters
        .addObject()
        .put("propertyName", "hs_is_closed")
        .put("operator", "EQ")
        .put("value", "true");
    body.putArray("sorts")
        .addObject()
        .put("propertyName", "hs_lastmodifieddate")
        .put("direction", "ASCENDING");
    ArrayNode props = body.putArray("properties");
    DEAL_PROPERTIES.forEach(props::add);
    body.put("limit", request.limit());
    if (cursor.after() > 0) {
      body.put("after", String.valueOf(cursor.after()));
    }
    return body;
  }

  /** Deal id to the ids of its associated records of {@code type}, in HubSpot's order. */
  private Map<String, List<String>> associations(
      Secret token, SourceContext context, String type, List<String> dealIds)
      throws ConnectorException, InterruptedException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (dealIds.isEmpty()) {
      return out;
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode inputs = body.putArray("inputs");
    dealIds.forEach(d -> inputs.addObject().put("id", d));
    JsonNode answer = post(token, context, api.associations("deals", type) + "/batch/read", body);
    for (JsonNode r : Json.arrayField(id, answer, "results", type + " associations")) {
      Optional<String> from = Json.text(r.path("from"), "id");
      if (from.isEmpty()) {
        continue;
      }
      List<String> to = out.computeIfAbsent(from.get(), k -> new ArrayList<>());
      for (JsonNode t : r.path("to")) {
        Json.text(t, "toObjectId").ifPresent(to::add);
      }
    }
    return out;
  }

  /** The records of {@code type} by id, with {@code properties}; one batch read. */
  private Map<String, JsonNode> read(
      Secret token, SourceContext context, String type, Set<String> ids, String... properties)
      throws ConnectorException, InterruptedException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += BATCH_READ) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      ArrayNode props = body.putArray("properties");
      for (String p : properties) {
        props.add(p);
      }
      ArrayNode inputs = body.putArray("inputs");
      all.subList(from, Math.min(all.size(), from + BATCH_READ))
          .forEach(i -> inputs.addObject().put("id", i));
      JsonNode answer = post(token, context, api.objects(type) + "/batch/read", body);
      for (JsonNode r : Json.arrayField(id, answer, "results", type + " batch read")) {
        Json.text(r, "id").ifPresent(i -> out.put(i, r));
      }
    }
    return out;
  }

  private static Set<String> values(Map<String, List<String>> ids) {
    Set<String> out = new LinkedHashSet<>();
    ids.values().forEach(out::addAll);
    return out;
  }

  private static List<JsonNode> pick(Map<String, JsonNode> records, Collection<String> ids) {
    List<JsonNode> out = new ArrayList<>();
    for (String i : ids) {
      JsonNode r = records.get(i);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private JsonNode post(Secret token, SourceContext context, String path, ObjectNode body)
      throws ConnectorException, InterruptedException {
    // Searches and batch reads change nothing: safe to repeat after a 5xx or a reset.
    return Json.parse(
        id,
        http.execute(
            HttpCall.postJson(id, url(path), body.toString())
                .header("Accept", "application/json")
                .secretHeader("Authorization", Secret.of("Bearer " + token.reveal()))
                .rateLimitBackoff(BACKOFF)
                .retryAllServerErrors()
                .build(),
            context),
        path);
  }

  private URI url(String path) {
    return URI.create(baseUrl.toString().replaceAll("/+$", "") + path);
  }

  @Override
  public String toString() {
    return "HubSpotDeals[" + id + ", " + baseUrl.getHost() + "]";
  }

  /**
   * Builds a {@link HubSpotDeals}; setters validate at once. The id (also the token's provider
   * name) defaults to {@code "hubspot"}, the base URL to {@code https://api.hubapi.com}. Not
   * thread-safe.
   */
  public static final class Builder extends HttpBuilder<Builder> {
    private String id = "hubspot";
    private HubSpotApiVersion api = HubSpotApiVersion.DEFAULT;
    private CredentialStore credentials;

    private Builder() {
      super(URI.create("https://api.hubapi.com"));
    }

    @Override
    Builder self() {
      return this;
    }

    /** The source id, stored on every deal; default {@code "hubspot"}. */
    public Builder id(String id) {
      io.github.discoverysdk.support.Fields.identifier("id", id, 100);
      this.id = id;
      return this;
    }

    /** The API version called; default {@link HubSpotApiVersion#DEFAULT}. */
    public Builder apiVersion(HubSpotApiVersion version) {
      this.api = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Where the tenants' tokens are, under the source id. Required. */
    public Builder credentials(CredentialStore credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public HubSpotDeals build() {
      requireHttp();
      if (credentials == null) {
        throw new ValidationException("credentials are required");
      }
      return new HubSpotDeals(this);
    }
  }
}

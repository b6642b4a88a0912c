package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealRequest;
import io.github.discoverysdk.deals.DealSource;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Closed deals from Salesforce: {@code Opportunity} records with their {@code
 * OpportunityContactRole}s and {@code Account}, read through the REST query API ({@code GET
 * /services/data/{version}/query?q=SOQL}), one request per page thanks to a relationship subquery.
 *
 * <p>Incremental by {@code SystemModstamp}: a page holds at most the request's limit, ordered by
 * ({@code SystemModstamp}, {@code Id}), and the cursor is the keyset of its last record, so a deal
 * modified during the import is read again later and ties on one instant never lose a record. The
 * stage is Salesforce's own flags: {@code IsWon} is CLOSED_WON, {@code IsClosed} without it
 * CLOSED_LOST; {@code CloseDate} (a date) is read as midnight UTC. Contacts without an e-mail are
 * rejected alone, with the deal named. {@code CurrencyIsoCode} exists only in multi-currency orgs,
 * so it is queried only when {@link Builder#multiCurrency()} says so.
 *
 * <p>The access token ({@code Authorization: Bearer}) is looked up per tenant in the {@link
 * CredentialStore} under the source id ({@code "salesforce"} by default); refreshing OAuth tokens
 * is the host's job. 401 is permanent, 403 {@code REQUEST_LIMIT_EXCEEDED} and 429 are rate limits,
 * 5xx are retried (a query changes nothing).
 *
 * <p>Immutable and thread-safe.
 */
public final class SalesforceDeals implements DealSource {
  private static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
  private static final DateTimeFormatter SOQL_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final String id;
  private final HttpToolkit http;
  private final Function<String, URI> instanceUrl;
  private final String apiVersion;
  private final boolean multiCurrency;
  private final CredentialStore credentials;

  private SalesforceDeals(Builder b) {
    this.id = b.id;
    this.http = b.http;
    this.instanceUrl = b.instanceUrl;
    this.apiVersion = b.apiVersion;
    this.multiCurrency = b.multiCurrency;
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
    Secret token = Enrichers.token(credentials, id, context.tenant(), "Salesforce");
    Keyset after = Keyset.parse(id, request);
    URI base =
        Objects.requireNonNull(
            instanceUrl.apply(context.tenant()), "Salesforce instance of " + context.tenant());
    URI url =
        URI.create(
            base.toString().replaceAll("/+$", "")
                + "/services/data/"
                + apiVersion
                + "/query?q="
                + URLEncoder.encode(soql(after, request.limit()), StandardCharsets.UTF_8));
    HttpResult result;
    try {
      result =
          http.execute(
              HttpCall.get(id, url)
                  .header("Accept", "application/json")
                  .secretHeader("Authorization", Secret.of("Bearer " + token.reveal()))
                  .secretPath()
                  .rateLimitBackoff(Duration.ofSeconds(60))
                  .retryAllServerErrors()
                  .build(),
              context);
    } catch (ConnectorException e) {
      throw requestLimit(e);
    }
    JsonNode answer = Json.parse(id, result, "opportunity query");
    List<Deal> deals = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    Keyset last = null;
    int i = 0;
    for (JsonNode r : Json.arrayField(id, answer, "records", "opportunity query")) {
      String recordId = Json.text(r, "Id").orElse("#" + i);
      i++;
      try {
        Instant modified = modstamp(r);
        last = new Keyset(modified, recordId);
        deals.add(deal(context.tenant(), r, modified, rejected));
      } catch (IllegalArgumentException | ValidationException e) {
        rejected.add(RejectedRecord.of(recordId, e.getMessage()));
      }
    }
    Optional<String> next =
        i >= request.limit() && last != null ? Optional.of(last.encode()) : Optional.empty();
    return new DealPage(deals, rejected, next);
  }

  /** 403 REQUEST_LIMIT_EXCEEDED is the org's daily API limit: a rate limit, not a refusal. */
  private ConnectorException requestLimit(ConnectorException e) {
    if (e.status() != 403
        || e.responseSnippet().filter(x -> x.contains("REQUEST_LIMIT_EXCEEDED")).isEmpty()) {
      return e;
    }
    return new ConnectorException(
        ConnectorException.Kind.RATE_LIMITED,
        id,
        null,
        "the org's API request limit is exhausted (403 REQUEST_LIMIT_EXCEEDED)",
        403,
        null,
        e,
        e.responseSnippet().orElse(null));
  }

  /** The SOQL of one page: closed opportunities after the keyset, with contacts and account. */
  String soql(Keyset after, int limit) {
    String t = SOQL_DATETIME.format(after.modified());
    String where =
        after.id().isEmpty()
            ? "SystemModstamp >= " + t
            : "(SystemModstamp > "
                + t
                + " OR (SystemModstamp = "
                + t
                + " AND Id > '"
                + after.id()
                + "'))";
    return "SELECT Id, Name, StageName, IsClosed, IsWon, Amount, CloseDate, SystemModstamp, "
        + (multiCurrency ? "CurrencyIsoCode, " : "")
        + "Account.Name, Account.Website, "
        + "(SELECT Role, IsPrimary, Contact.Email, Contact.Name, Contact.Title"
        + " FROM OpportunityContactRoles ORDER BY IsPrimary DESC) "
        + "FROM Opportunity WHERE IsClosed = true AND "
        + where
        + " ORDER BY SystemModstamp ASC, Id ASC LIMIT "
        + limit;
  }

  private Deal deal(String tenant, JsonNode r, Instant modified, List<RejectedRecord> rejected) {
    String dealId = Json.required(r, "Id");
    boolean won = r.path("IsWon").asBoolean(false);
    boolean closed = r.path("IsClosed").asBoolean(false);
    DealStage stage = won ? DealStage.CLOSED_WON : closed ? DealStage.CLOSED_LOST : DealStage.OPEN;
    Deal.Builder b =
        Deal.builder()
            .tenant(tenant)
            .source(id)
            .id(dealId)
            .name(Json.required(r, "Name"))
            .stage(stage)
            .updatedAt(modified);
    Optional<String> closeDate = Json.text(r, "CloseDate");
    if (stage.closed() && closeDate.isEmpty()) {
      throw new IllegalArgumentException("field 'CloseDate' is missing on a closed deal");
    }
    closeDate.ifPresent(d -> b.closedAt(day("CloseDate", d)));
    JsonNode amount = r.get("Amount");
    if (amount != null && amount.isNumber()) {
      b.amount(new BigDecimal(amount.asText()));
    } else if (amount != null && !amount.isNull()) {
      throw new IllegalArgumentException("field 'Amount' is not a number");
    }
    if (multiCurrency) {
      Json.text(r, "CurrencyIsoCode").ifPresent(c -> b.currency(c.toUpperCase(Locale.ROOT)));
    }
    JsonNode account = r.get("Account");
    if (account != null && account.isObject()) {
      Json.text(account, "Name")
          .ifPresent(n -> b.account(DealAccount.of(n, Json.text(account, "Website").orElse(null))));
    }
    Set<String> emails = new HashSet<>();
    JsonNode roles = r.path("OpportunityContactRoles").path("records");
    int n = 0;
    for (JsonNode role : roles) {
      JsonNode c = role.path("Contact");
      String contactId = "deal " + dealId + " contact role " + n++;
      try {
        String email =
            Json.text(c, "Email")
                .orElseThrow(
                    () -> new IllegalArgumentException("field 'Contact.Email' is missing"));
        DealContact contact =
            DealContact.of(
                email, Json.text(c, "Name").orElse(null), Json.text(c, "Title").orElse(null));
        if (emails.add(contact.email()) && emails.size() <= Deal.MAX_CONTACTS) {
          b.addContacts(contact);
        }
      } catch (IllegalArgumentException | ValidationException e) {
        rejected.add(RejectedRecord.of(contactId, e.getMessage()));
      }
    }
    return b.build();
  }

  private static Instant modstamp(JsonNode r) {
    String v =
        Json.text(r, "SystemModstamp")
            .orElseThrow(() -> new IllegalArgumentException("field 'SystemModstamp' is missing"));
    try {
      // Salesforce writes "2026-07-01T08:00:00.000+0000": an offset without a colon.
      return OffsetDateTime.parse(
              v, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX", Locale.ROOT))
          .toInstant();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "field 'SystemModstamp' is not a date-time: " + JobPostings.cut(v, 40));
    }
  }

  private static Instant day(String field, String value) {
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' is not a date: " + JobPostings.cut(value, 40));
    }
  }

  @Override
  public String toString() {
    return "SalesforceDeals[" + id + ", " + apiVersion + "]";
  }

  /** Where a query resumes: after this modification instant (to the second) and record id. */
  record Keyset(Instant modified, String id) {
    static Keyset parse(String sourceId, DealRequest request) {
      if (request.cursor().isEmpty()) {
        return new Keyset(request.since().truncatedTo(ChronoUnit.SECONDS), "");
      }
      String c = request.cursor().get();
      int colon = c.indexOf(':');
      try {
        Instant t = Instant.ofEpochSecond(Long.parseLong(c.substring(0, colon)));
        String recordId = c.substring(colon + 1);
        if (!SALESFORCE_ID.matcher(recordId).matches()) {
          throw new IllegalArgumentException("not a Salesforce id");
        }
        return new Keyset(t, recordId);
      } catch (RuntimeException e) {
        throw new ValidationException(
            "cursor is not one " + sourceId + " made (<epoch seconds>:<Id>), was '" + c + "'");
      }
    }

    String encode() {
      return modified.getEpochSecond() + ":" + id;
    }
  }

  /**
   * Builds a {@link SalesforceDeals}; setters validate at once. The id (also the token's provider
   * name) defaults to {@code "salesforce"}, the API version to {@code v62.0}. Not thread-safe.
   */
  public static final class Builder {
    private String id = "salesforce";
    private HttpToolkit http;
    private Function<String, URI> instanceUrl;
    private String apiVersion = "v62.0";
    private boolean multiCurrency;
    private CredentialStore credentials;

    private Builder() {}

    /** The source id, stored on every deal; default {@code "salesforce"}. */
    public Builder id(String id) {
      io.github.discoverysdk.support.Fields.identifier("id", id, 100);
      this.id = id;
      return this;
    }

    /** The HTTP toolkit every call goes through. Required. */
    public Builder http(HttpToolkit http) {
      this.http = Objects.requireNonNull(http, "http");
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
      Objects.requireNonNull(version, "version");
      if (!version.matches("v\\d{2,3}\\.\\d")) {
        throw new ValidationException("apiVersion must look like v62.0, was '" + version + "'");
      }
      this.apiVersion = version;
      return this;
    }

    /** The org has multiple currencies: read each deal's {@code CurrencyIsoCode}. */
    public Builder multiCurrency() {
      this.multiCurrency = true;
      return this;
    }

    /** Where the tenants' tokens are, under the source id. Required. */
    public Builder credentials(CredentialStore credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public SalesforceDeals build() {
      if (http == null) {
        throw new ValidationException("http toolkit is required");
      }
      if (instanceUrl == null) {
        throw new ValidationException("instanceUrl is required");
      }
      if (credentials == null) {
        throw new ValidationException("credentials are required");
      }
      return new SalesforceDeals(this);
    }
  }
}

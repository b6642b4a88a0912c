package io.github.discoverysdk.samples.quickstart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.discoverysdk.connectors.CsvDeals;
import io.github.discoverysdk.deals.BuyingRole;
import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.ClosedDealEnrichment;
import io.github.discoverysdk.deals.ClosedDealRun;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealBreakdown;
import io.github.discoverysdk.deals.DealImport;
import io.github.discoverysdk.deals.DealReport;
import io.github.discoverysdk.deals.DealReports;
import io.github.discoverysdk.deals.Icp;
import io.github.discoverysdk.deals.IcpDerivation;
import io.github.discoverysdk.deals.IcpDiff;
import io.github.discoverysdk.deals.IcpTrait;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Closed-deal enrichment and the ICP, end to end and offline: closed deals are imported from a CSV
 * export of a CRM ({@code closed-deals/deals.csv}, 36 deals) with {@link CsvDeals}; the batch
 * enriches their contacts and accounts through the shared cache, from the host's own enrichment
 * export ({@code closed-deals/enrichment.json}, standing where Apollo and Serper stand in
 * production); then the status, stats and summary are printed, the ideal customer is derived from
 * won against lost deals, and compared with a discovery profile as a diff.
 *
 * <p>Run it: {@code ./mvnw -q -B -pl samples/quickstart -am -DskipTests package exec:java
 * -Dsample.main=io.github.discoverysdk.samples.quickstart.ClosedDealsWalkthrough}.
 */
public final class ClosedDealsWalkthrough {
  static final String TENANT = "demo";

  /** The data is a snapshot as of this day, so the output does not age. */
  static final Instant AS_OF = Instant.parse("2026-12-01T08:00:00Z");

  private ClosedDealsWalkthrough() {}

  /** No arguments. */
  public static void main(String[] args) {
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      run(System.out, Clock.fixed(AS_OF, ZoneOffset.UTC), storage);
    }
  }

  /**
   * A host's own enrichment data as an {@link Enricher}: people by e-mail and companies by domain,
   * in the attribute names the shipped enrichers use. One call per batch.
   */
  static final class ExportEnricher implements Enricher {
    private final Map<String, Map<String, String>> contacts;
    private final Map<String, Map<String, String>> accounts;

    ExportEnricher(
        Map<String, Map<String, String>> contacts, Map<String, Map<String, String>> accounts) {
      this.contacts = contacts;
      this.accounts = accounts;
    }

    @Override
    public String id() {
      return "host-export";
    }

    @Override
    public Set<EnrichmentSubject.Kind> kinds() {
      return Set.of(EnrichmentSubject.Kind.PERSON, EnrichmentSubject.Kind.COMPANY);
    }

    @Override
    public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context) {
      EnrichmentResult.Builder b = EnrichmentResult.builder().calls(1);
      for (EnrichmentSubject s : subjects) {
        Map<String, String> found =
            s.kind() == EnrichmentSubject.Kind.PERSON
                ? s.email().map(contacts::get).orElse(null)
                : s.domain().map(accounts::get).orElse(null);
        if (found != null) {
          b.putAttributes(s.id(), found);
        }
      }
      return b.build();
    }
  }

  /** Runs the walkthrough on {@code storage}; returns the profile diff it printed. */
  static IcpDiff run(PrintStream out, Clock clock, Storage storage) {
    Path csv = resource("closed-deals/deals.csv");
    CsvDeals crm = CsvDeals.builder().id("crm-export").files(tenant -> csv).build();
    DealImport.Report imported = DealImport.of(storage, crm, clock).run(TENANT, Instant.EPOCH, 100);
    out.printf(
        "Imported %d closed deals from the CRM export (%d rows rejected)%n",
        imported.deals(), imported.rejected().size());

    Map<String, Map<String, Map<String, String>>> export = enrichmentExport();
    ClosedDealEnrichment enrichment =
        ClosedDealEnrichment.builder()
            .storage(storage)
            .enricher(new ExportEnricher(export.get("contacts"), export.get("accounts")))
            .clock(clock)
            .build();
    ClosedDealRun first = enrichment.enrichClosedDeals(TENANT, 12, 100);
    ClosedDealRun second = enrichment.enrichClosedDeals(TENANT, 12, 100);
    out.printf(
        "Enrichment: %d contacts and %d accounts of %d deals, %d enriched in %d calls;"
            + " a second batch answered %d from the cache with %d calls%n",
        first.contacts(),
        first.accounts(),
        first.deals(),
        first.enriched(),
        first.calls(),
        second.cacheHits(),
        second.calls());

    DealReport report = new DealReports(storage, clock).report(TENANT, 12);
    out.printf(
        "%nStats: %d closed deals, %d fully enriched, %d partly; %d contacts, %d enriched,"
            + " %d roles resolved; %d accounts enriched; coverage %s%n",
        report.closedDeals(),
        report.enrichedDeals(),
        report.partialDeals(),
        report.dealContacts(),
        report.enrichedContacts(),
        report.rolesResolved(),
        report.enrichedAccounts(),
        report.coverage());
    out.printf("Buying roles: %s%n", report.roles());
    out.printf("Top industries: %s%n", report.topIndustries());
    out.printf("Company sizes: %s%n", report.companySizes());
    out.println("Per deal (first five):");
    for (DealBreakdown b : report.deals().subList(0, Math.min(5, report.deals().size()))) {
      Deal d = b.deal();
      long enriched =
          b.contacts().stream().filter(c -> c.status() == DealBreakdown.Status.ENRICHED).count();
      String champion =
          b.contacts().stream()
              .filter(c -> c.role().role() == BuyingRole.DECISION_MAKER)
              .map(c -> c.contact().name().orElse(c.contact().email()))
              .findFirst()
              .orElse("no decision maker");
      out.printf(
          "  %s %-28s %-11s contacts %d/%d, account %s, %s%n",
          d.id(),
          d.name(),
          d.stage(),
          enriched,
          b.contacts().size(),
          b.accountEnriched() ? "enriched" : "missing",
          champion);
    }

    Map<String, Map<String, String>> accounts = new HashMap<>();
    Map<String, Map<String, String>> contacts = new HashMap<>();
    for (DealBreakdown b : report.deals()) {
      b.deal()
          .account()
          .flatMap(a -> a.domain())
          .ifPresent(
              dom ->
                  cached(storage, CachedEnrichment.Kind.ACCOUNT, dom)
                      .ifPresent(a -> accounts.put(dom, a)));
      b.contacts()
          .forEach(
              c ->
                  cached(storage, CachedEnrichment.Kind.CONTACT, c.contact().email())
                      .ifPresent(a -> contacts.put(c.contact().email(), a)));
    }
    Icp icp =
        IcpDerivation.defaults()
            .derive(
                TENANT,
                report.deals().stream().map(DealBreakdown::deal).toList(),
                accounts,
                contacts,
                clock.instant());
    out.printf("%nIdeal customer from %d won and %d lost deals:%n", icp.won(), icp.lost());
    for (IcpTrait t : icp.traits()) {
      out.printf("  %-12s %s (lift %.2f)%n", t.kind(), t.evidence(), t.lift());
    }

    Profile profile =
        Profile.builder()
            .tenant(TENANT)
            .owner("ana")
            .name("Payments accounts")
            .addIndustries("Financial Services")
            .addTargetTitles("Head of Revenue Operations")
            .build();
    IcpDiff diff = IcpDiff.between(icp, profile);
    out.printf("%nProposed changes to profile '%s':%n", profile.name());
    diff.changes().forEach(c -> out.println("  " + c.describe()));
    if (diff.changes().isEmpty()) {
      out.println("  none: the profile already agrees with the ICP");
    }
    return diff;
  }

  private static java.util.Optional<Map<String, String>> cached(
      Storage storage, CachedEnrichment.Kind kind, String key) {
    return java.util.Optional.ofNullable(
            storage.deals().findEnrichments(TENANT, kind, List.of(key)).get(key))
        .map(CachedEnrichment::attributes);
  }

  private static Map<String, Map<String, Map<String, String>>> enrichmentExport() {
    try (InputStream in = open("closed-deals/enrichment.json")) {
      return new ObjectMapper().readValue(in, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bundled resource as a file: CsvDeals reads a path, as a host's export would be. */
  private static Path resource(String name) {
    try (InputStream in = open(name)) {
      Path file = Files.createTempFile("discovery-sample-", ".csv");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    return Objects.requireNonNull(
        ClosedDealsWalkthrough.class.getClassLoader().getResourceAsStream(name),
        "bundled resource " + name);
  }
}

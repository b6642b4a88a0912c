package io.github.discoverysdk.samples.quickstart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.CsvDeals;
import io.github.discoverysdk.deals.BuyingRole;
import io.github.discoverysdk.deals.ClosedDealRun;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.deals.ClosedDeals;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealBreakdown;
import io.github.discoverysdk.deals.DealImport;
import io.github.discoverysdk.deals.DealReport;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.Icp;
import io.github.discoverysdk.deals.IcpDiff;
import io.github.discoverysdk.deals.IcpRefresh;
import io.github.discoverysdk.deals.IcpTrait;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.scoring.Scoring;
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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Closed-deal enrichment and the ICP, end to end and offline: closed deals are imported from a CSV
 * export of a CRM ({@code closed-deals/deals.csv}, 36 deals) with {@link CsvDeals}; the batch
 * enriches their contacts and accounts through the shared cache, from the host's own enrichment
 * export ({@code closed-deals/enrichment.json}, standing where Apollo and Serper stand in
 * production). Everything after the import goes through the engine's facet, {@code
 * engine.closedDeals()}: the monthly chain (enrich, derive the ICP from won against lost deals,
 * apply its changes to the profile that opted in, re-score the open opportunities whose fit
 * changed), a second batch answered from the cache, a second chain that is a no-op, and the status,
 * stats and summary with each contact's last outcome.
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

  /** Runs the walkthrough on {@code storage}; returns the profile diff it printed and applied. */
  static IcpDiff run(PrintStream out, Clock clock, Storage storage) {
    Path csv = resource("closed-deals/deals.csv");
    CsvDeals crm = CsvDeals.builder().id("crm-export").files(tenant -> csv).build();
    DealImport.Report imported = DealImport.of(storage, crm, clock).run(TENANT, Instant.EPOCH, 100);
    out.printf(
        "Imported %d closed deals from the CRM export (%d rows rejected)%n",
        imported.deals(), imported.rejected().size());

    Map<String, Map<String, Map<String, String>>> export = enrichmentExport();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock)
            .enricher(new ExportEnricher(export.get("contacts"), export.get("accounts")))
            .closedDeals(
                ClosedDealSettings.builder()
                    .schedule(ClosedDealSettings.MONTHLY)
                    .lookbackMonths(12)
                    // This profile's owner opted in: the chain applies the ICP's changes to it.
                    .autoApply(p -> p.name().equals("Payments accounts"))
                    .build())
            .build()) {
      Profile profile =
          engine
              .profiles()
              .save(
                  Profile.builder()
                      .tenant(TENANT)
                      .owner("ana")
                      .name("Payments accounts")
                      .addIndustries("Financial Services")
                      .addTargetTitles("Head of Revenue Operations")
                      .build());
      ClosedDeals deals = engine.closedDeals();

      // The monthly chain, as the scheduler runs it on the 1st at 07:00 for the month before.
      YearMonth november = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).minusMonths(1);
      IcpRefresh chain = deals.refresh(TENANT, november);
      out.printf("%nICP chain for %s: %s%n", november, chain.outcome());
      for (IcpRefresh.Step step : chain.steps()) {
        out.printf("  %-16s %s%n", step.name(), step.summary());
      }
      ClosedDealRun first = chain.enrichment().orElseThrow();
      ClosedDealRun second = deals.enrich(TENANT, 12, 100);
      out.printf(
          "Enrichment: %d contacts and %d accounts of %d deals, %d enriched in %d calls;"
              + " a second batch answered %d from the cache (and %d known misses) with %d calls%n",
          first.contacts(),
          first.accounts(),
          first.deals(),
          first.enriched(),
          first.calls(),
          second.cacheHits(),
          second.knownMisses(),
          second.calls());
      out.printf(
          "Running the chain again this month: %s%n", deals.refresh(TENANT, november).outcome());

      printStatus(out, deals.status(TENANT, 12));

      Icp icp = chain.icp().orElseThrow();
      out.printf("%nIdeal customer from %d won and %d lost deals:%n", icp.won(), icp.lost());
      for (IcpTrait t : icp.traits()) {
        out.printf("  %-12s %s (lift %.2f)%n", t.kind(), t.evidence(), t.lift());
      }

      IcpDiff diff = IcpDiff.between(icp, profile);
      out.printf("%nChanges the ICP made to profile '%s' (opted in):%n", profile.name());
      diff.changes().forEach(c -> out.println("  " + c.describe()));
      if (diff.changes().isEmpty()) {
        out.println("  none: the profile already agrees with the ICP");
      }
      out.printf(
          "Profile now: industries %s, regions %s, titles %s%n",
          engine.profiles().get(profile.id()).industries(),
          engine.profiles().get(profile.id()).regions(),
          engine.profiles().get(profile.id()).targetTitles());
      out.printf("Open opportunities re-scored: %d moved%n", chain.moved().size());
      return diff;
    }
  }

  private static void printStatus(PrintStream out, DealReport report) {
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
    out.printf("Contacts by last outcome: %s%n", new TreeMap<>(report.contactOutcomes()));
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
    report.deals().stream()
        .flatMap(b -> b.contacts().stream())
        .flatMap(c -> c.lastAttempt().stream())
        .filter(a -> a.outcome() != EnrichmentStatus.Outcome.ENRICHED)
        .findFirst()
        .ifPresent(
            a ->
                out.printf(
                    "A contact not enriched: %s, %s by %s (%s)%n",
                    a.key(), a.outcome(), a.source(), a.reason()));
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

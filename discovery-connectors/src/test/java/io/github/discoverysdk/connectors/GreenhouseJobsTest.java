package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GreenhouseJobsTest extends SourceTestBase {
  /** A board in the Job Board API's shape: the whole board in one answer, no paging. */
  @Override
  void stubListing(java.util.List<Rec> records) {
    StringBuilder jobs = new StringBuilder();
    for (Rec r : records) {
      jobs.append(jobs.length() == 0 ? "" : ",")
          .append("{\"id\":")
          .append(r.id())
          .append(",\"internal_job_id\":")
          .append(r.id())
          .append("1,\"title\":\"")
          .append(r.title())
          .append("\",\"updated_at\":\"")
          .append(r.changedAt().atOffset(java.time.ZoneOffset.ofHours(-5)))
          .append("\",\"location\":{\"name\":\"NYC\"},\"absolute_url\":")
          .append("\"https://boards.greenhouse.io/vaulttec/jobs/")
          .append(r.id())
          .append("\",\"metadata\":null,\"content\":\"&lt;p&gt;Vaults.&lt;/p&gt;\",")
          .append("\"departments\":[],\"offices\":[]}");
    }
    wm.stubFor(
        get(urlPathEqualTo("/v1/boards/vaulttec/jobs"))
            .willReturn(
                okJson("{\"jobs\":[" + jobs + "],\"meta\":{\"total\":" + records.size() + "}}")));
  }

  @Override
  protected SignalSource createSource() {
    return GreenhouseJobs.builder().board("vaulttec").http(http).baseUrl(base()).build();
  }

  @Override
  protected void prepare(SignalSource source) {
    wm.resetAll();
    wm.stubFor(
        get(urlPathEqualTo("/v1/boards/vaulttec/jobs"))
            .willReturn(okJson(TestSupport.payload("greenhouse-jobs.json"))));
    wm.stubFor(
        get(urlPathEqualTo("/v1/boards/vaulttec/jobs/127817"))
            .willReturn(okJson(TestSupport.payload("greenhouse-job-127817.json"))));
    wm.stubFor(
        get(urlPathEqualTo("/v1/boards/vaulttec/jobs/999"))
            .willReturn(aResponse().withStatus(404)));
  }

  @Test
  void mapsAPostingFieldByField() throws Exception {
    SourceResult result = fetchAll(SourceQuery.all());

    Signal s =
        result.signals().stream()
            .filter(x -> x.key().externalId().equals("127817"))
            .findFirst()
            .orElseThrow();
    assertThat(s.key()).isEqualTo(SignalKey.of("greenhouse.vaulttec", "127817"));
    assertThat(s.type()).isEqualTo(SignalType.JOB_POSTING);
    assertThat(s.title()).isEqualTo("Vault Designer & Planner at Vault-Tec Corporation");
    assertThat(s.text())
        .startsWith("Department of Departments · NYC\n")
        .contains("Design vaults for Zürich & München.")
        .doesNotContain("<p>", "&amp;");
    assertThat(s.url()).contains(URI.create("https://boards.greenhouse.io/vaulttec/jobs/127817"));
    assertThat(s.publishedAt()).isEqualTo(Instant.parse("2016-01-10T14:00:00Z"));
    assertThat(s.observedAt()).isEqualTo(NOW);
    assertThat(s.organizations())
        .containsExactly(
            OrganizationMention.of("Vault-Tec Corporation", OrganizationRole.HIRING_COMPANY));
    assertThat(s.regions()).containsExactly("NYC");
    assertThat(s.people()).isEmpty();
  }

  @Test
  void aPostingWithoutOptionalFieldsFallsBackAndAMalformedOneIsRejectedAlone() throws Exception {
    SourceResult result = fetchAll(SourceQuery.all());

    Signal s =
        result.signals().stream()
            .filter(x -> x.key().externalId().equals("127818"))
            .findFirst()
            .orElseThrow();
    // no company_name, and the board's own name cannot be read (404 here): another posting's name
    assertThat(s.title()).isEqualTo("Ingénieure Systèmes at Vault-Tec Corporation");
    assertThat(s.publishedAt()).isEqualTo(Instant.parse("2016-01-15T08:00:00Z"));
    assertThat(s.regions()).isEmpty();
    assertThat(result.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.recordId()).isEqualTo("127819");
              assertThat(r.reason()).contains("updated_at");
            });
  }

  @Test
  void theCursorReturnsOnlyPostingsUpdatedLater() throws Exception {
    SourceResult first = fetchAll(SourceQuery.all());
    assertThat(first.nextCursor()).isPresent();

    SourceResult second =
        source.fetch(
            SourceRequest.builder().query(SourceQuery.all()).cursor(first.nextCursor()).build(),
            context());

    assertThat(second.signals()).isEmpty();
    assertThat(second.nextCursor()).isEqualTo(first.nextCursor());
  }

  @Test
  void refreshReturnsTheCurrentPostingAndEmptyWhenItWasTakenDown() throws Exception {
    assertThat(source.refresh(SignalKey.of(source.id(), "127817"), context()))
        .hasValueSatisfying(s -> assertThat(s.text()).contains("Updated."));
    assertThat(source.refresh(SignalKey.of(source.id(), "999"), context())).isEmpty();
  }

  /**
   * The text-loss case of #19: the description said "ARR &lt; $5M and growth &gt; 20%" and came out
   * as "ARR 20%", since the escaped comparisons were decoded twice and read as a tag.
   */
  @Test
  void aDescriptionWithEscapedComparisonsKeepsEveryWord() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/v1/boards/vaulttec/jobs"))
            .willReturn(
                okJson(
                    "{\"jobs\":[{\"id\":5,\"title\":\"Analyst\",\"updated_at\":"
                        + "\"2016-01-14T10:55:28-05:00\",\"company_name\":\"Vault-Tec\",\"content\":"
                        + "\"&lt;style&gt;p{margin:0}&lt;/style&gt;&lt;p&gt;ARR &amp;lt; $5M and growth"
                        + " &amp;gt; 20%&lt;/p&gt;&lt;p&gt;We &amp;hearts; &amp;Uuml;ber &amp;ccedil;a"
                        + "&lt;/p&gt;\"}],\"meta\":{\"total\":1}}")));

    Signal s = fetchAll(SourceQuery.all()).signals().get(0);

    assertThat(s.text()).isEqualTo("ARR < $5M and growth > 20% We ♥ Über ça");
  }

  /**
   * The Greenhouse case of #19: only the first posting carried {@code company_name}, and every
   * other one was attributed to the board token ("vaulttec"). The board's own name is read instead.
   */
  @Test
  void postingsWithoutCompanyNameTakeTheBoardsOwnName() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/v1/boards/vaulttec"))
            .willReturn(
                okJson("{\"name\":\"Vault-Tec Industries\",\"content\":\"<p>Jobs.</p>\"}")));

    SourceResult result = fetchAll(SourceQuery.all());

    assertThat(result.signals())
        .extracting(x -> x.key().externalId() + " " + x.organizations().get(0).name())
        .containsExactlyInAnyOrder("127817 Vault-Tec Corporation", "127818 Vault-Tec Industries");
    assertThat(source.refresh(SignalKey.of(source.id(), "127817"), context()))
        .hasValueSatisfying(x -> assertThat(x.title()).endsWith(" at Vault-Tec Corporation"));
    fetchAll(SourceQuery.all());
    wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/boards/vaulttec"))); // cached for a day
  }

  @Test
  void aConfiguredCompanyNamesEveryPosting() throws Exception {
    SignalSource named =
        GreenhouseJobs.builder()
            .board("vaulttec")
            .companyName("Vault-Tec")
            .http(http)
            .baseUrl(base())
            .build();

    SourceResult result =
        named.fetch(SourceRequest.builder().query(SourceQuery.all()).build(), context());

    assertThat(result.signals()).allSatisfy(x -> assertThat(x.title()).endsWith(" at Vault-Tec"));
    wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/boards/vaulttec")));
  }
}

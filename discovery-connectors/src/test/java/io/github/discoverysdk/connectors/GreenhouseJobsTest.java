package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
    assertThat(s.title()).isEqualTo("Ingénieure Systèmes at vaulttec");
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
}

package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeverAndAshbyJobsTest {
  @Nested
  class Lever extends SourceTestBase {
    /** Postings in the Postings API's shape, served in its skip/limit pages of 100. */
    @Override
    void stubListing(java.util.List<Rec> records) {
      for (int skip = 0; skip <= records.size(); skip += 100) {
        StringBuilder page = new StringBuilder();
        for (Rec r : records.subList(skip, Math.min(records.size(), skip + 100))) {
          page.append(page.length() == 0 ? "" : ",")
              .append("{\"id\":\"")
              .append(r.id())
              .append("\",\"text\":\"")
              .append(r.title())
              .append("\",\"categories\":{\"location\":\"San Francisco\",\"team\":\"Sales\"},")
              .append("\"country\":\"US\",\"createdAt\":")
              .append(r.changedAt().toEpochMilli())
              .append(",\"descriptionPlain\":\"Sell.\",\"hostedUrl\":")
              .append("\"https://jobs.lever.co/leverdemo/")
              .append(r.id())
              .append("\"}");
        }
        wm.stubFor(
            get(urlPathEqualTo("/v0/postings/leverdemo"))
                .withQueryParam("skip", equalTo(String.valueOf(skip)))
                .willReturn(okJson("[" + page + "]")));
      }
    }

    /** Lever has no change time but {@code createdAt}: an edit does not move it. */
    @Override
    boolean editMovesChangeTime() {
      return false;
    }

    @Test
    void followsLeversSkipPagingAndDeliversEveryPostingOfALongBoard() throws Exception {
      java.util.List<Rec> recs = recs(230, false);
      stubListing(recs);

      java.util.List<String> all = new java.util.ArrayList<>();
      for (SourceResult p : pages(java.util.Optional.empty(), 100)) {
        all.addAll(ids(p));
      }

      assertThat(all).doesNotHaveDuplicates().hasSize(230);
      wm.verify(
          getRequestedFor(urlPathEqualTo("/v0/postings/leverdemo"))
              .withQueryParam("skip", equalTo("200")));
    }

    @Override
    protected SignalSource createSource() {
      return LeverJobs.builder()
          .site("leverdemo")
          .companyName("Lever Demo Inc.")
          .http(http)
          .baseUrl(base())
          .build();
    }

    @Override
    protected void prepare(SignalSource source) {
      wm.resetAll();
      wm.stubFor(
          get(urlPathEqualTo("/v0/postings/leverdemo"))
              .willReturn(okJson(TestSupport.payload("lever-postings.json"))));
      wm.stubFor(
          get(urlPathEqualTo("/v0/postings/leverdemo/5ac21346-8e0c-4494-8e7a-3eb92ff77902"))
              .willReturn(okJson(TestSupport.payload("lever-posting-5ac21346.json"))));
      wm.stubFor(
          get(urlPathEqualTo("/v0/postings/leverdemo/taken-down"))
              .willReturn(aResponse().withStatus(404)));
    }

    @Test
    void refreshReadsTheSinglePostingAndIsEmptyOnceItWasTakenDown() throws Exception {
      assertThat(
              source.refresh(
                  SignalKey.of(source.id(), "5ac21346-8e0c-4494-8e7a-3eb92ff77902"), context()))
          .hasValueSatisfying(
              s -> {
                assertThat(s.title()).isEqualTo("Senior Software Engineer at Lever Demo Inc.");
                assertThat(s.text())
                    .isEqualTo("R&D · San Francisco\nBuild things at Café Ω. Updated.");
                assertThat(s.publishedAt()).isEqualTo(Instant.ofEpochMilli(1705315200000L));
              });
      assertThat(source.refresh(SignalKey.of(source.id(), "taken-down"), context())).isEmpty();
      assertThat(source.refresh(SignalKey.of("other", "taken-down"), context())).isEmpty();
      wm.verify(
          getRequestedFor(
                  urlPathEqualTo("/v0/postings/leverdemo/5ac21346-8e0c-4494-8e7a-3eb92ff77902"))
              .withQueryParam("mode", equalTo("json")));
    }

    @Test
    void mapsAPostingFieldByField() throws Exception {
      SourceResult r = fetchAll(SourceQuery.all());

      Signal s = r.signals().get(0);
      assertThat(s.key().externalId()).isEqualTo("5ac21346-8e0c-4494-8e7a-3eb92ff77902");
      assertThat(s.type()).isEqualTo(SignalType.JOB_POSTING);
      assertThat(s.title()).isEqualTo("Senior Software Engineer at Lever Demo Inc.");
      assertThat(s.text()).isEqualTo("R&D · San Francisco\nBuild things at Café Ω");
      assertThat(s.publishedAt()).isEqualTo(Instant.ofEpochMilli(1705315200000L));
      assertThat(s.url())
          .contains(
              URI.create("https://jobs.lever.co/leverdemo/5ac21346-8e0c-4494-8e7a-3eb92ff77902"));
      assertThat(s.organizations())
          .containsExactly(
              OrganizationMention.of("Lever Demo Inc.", OrganizationRole.HIRING_COMPANY));
      assertThat(r.rejected())
          .singleElement()
          .satisfies(x -> assertThat(x.reason()).contains("createdAt"));
    }

    @Test
    void descriptionPlainIsTakenAsWrittenAndTheHtmlDescriptionIsDecodedOnce() throws Exception {
      wm.stubFor(
          get(urlPathEqualTo("/v0/postings/leverdemo"))
              .willReturn(
                  okJson(
                      "[{\"id\":\"p1\",\"text\":\"AE\",\"categories\":{},\"createdAt\":1705315200000,"
                          + "\"descriptionPlain\":\"ARR < $5M and growth > 20%; a<b stays\","
                          + "\"description\":\"<div>ignored</div>\"},"
                          + "{\"id\":\"p2\",\"text\":\"SE\",\"categories\":{},\"createdAt\":1705315200001,"
                          + "\"description\":\"<div><style>b{}</style>ARR &lt; $5M &amp; growth &gt; 20%"
                          + "</div><div>We &hearts; &Uuml;ber &ccedil;a</div>\"}]")));

      SourceResult r = fetchAll(SourceQuery.all());

      assertThat(r.signals())
          .extracting(Signal::text)
          .containsExactly(
              "ARR < $5M and growth > 20%; a<b stays", "ARR < $5M & growth > 20% We ♥ Über ça");
    }
  }

  @Nested
  class Ashby extends SourceTestBase {
    /** A board in the posting API's shape: the whole board in one answer, no paging. */
    @Override
    void stubListing(java.util.List<Rec> records) {
      StringBuilder jobs = new StringBuilder();
      for (Rec r : records) {
        jobs.append(jobs.length() == 0 ? "" : ",")
            .append("{\"id\":\"")
            .append(r.id())
            .append("\",\"title\":\"")
            .append(r.title())
            .append("\",\"department\":\"Sales\",\"team\":\"Enterprise\",")
            .append("\"employmentType\":\"FullTime\",\"location\":\"New York\",")
            .append("\"isRemote\":false,\"publishedAt\":\"")
            .append(r.changedAt().atOffset(java.time.ZoneOffset.UTC))
            .append("\",\"isListed\":true,\"jobUrl\":\"https://jobs.ashbyhq.com/acme/")
            .append(r.id())
            .append("\",\"descriptionPlain\":\"Sell.\"}");
      }
      wm.stubFor(
          get(urlPathEqualTo("/posting-api/job-board/acme"))
              .willReturn(okJson("{\"apiVersion\":\"1\",\"jobs\":[" + jobs + "]}")));
    }

    /** Ashby's only time is {@code publishedAt}: an edit does not move it. */
    @Override
    boolean editMovesChangeTime() {
      return false;
    }

    @Override
    protected SignalSource createSource() {
      return AshbyJobs.builder()
          .board("acme")
          .companyName("Acme")
          .http(http)
          .baseUrl(base())
          .build();
    }

    @Override
    protected void prepare(SignalSource source) {
      wm.resetAll();
      wm.stubFor(
          get(urlPathEqualTo("/posting-api/job-board/acme"))
              .willReturn(okJson(TestSupport.payload("ashby-board.json"))));
    }

    @Test
    void mapsListedPostingsFieldByFieldAndSkipsUnlistedOnes() throws Exception {
      SourceResult r = fetchAll(SourceQuery.all());

      assertThat(r.signals())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.title()).isEqualTo("Account Executive at Acme");
                assertThat(s.text())
                    .isEqualTo("Sales · New York\nCompensation: $150K – $190K\nSell & grow");
                assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-09-01T14:02:11Z"));
                assertThat(s.regions()).containsExactly("New York");
                assertThat(s.organizations())
                    .containsExactly(
                        OrganizationMention.of("Acme", OrganizationRole.HIRING_COMPANY));
              });
      assertThat(r.rejected()).isEmpty();
    }

    @Test
    void refreshFindsAListedPostingOnTheBoardAndIsEmptyWhenGoneOrUnlisted() throws Exception {
      assertThat(
              source.refresh(
                  SignalKey.of(source.id(), "3f0c6a1e-0000-4000-8000-000000000001"), context()))
          .hasValueSatisfying(s -> assertThat(s.title()).isEqualTo("Account Executive at Acme"));
      assertThat(source.refresh(SignalKey.of(source.id(), "unlisted"), context())).isEmpty();
      assertThat(source.refresh(SignalKey.of(source.id(), "gone"), context())).isEmpty();
      wm.verify(1, getRequestedFor(urlPathEqualTo("/posting-api/job-board/acme"))); // cached
    }

    /** The API's published example has no {@code id}: the UUID ending {@code jobUrl} stands in. */
    @Test
    void aPostingWithoutIdIsKeyedByTheUuidOfItsJobUrl() throws Exception {
      wm.stubFor(
          get(urlPathEqualTo("/posting-api/job-board/acme"))
              .willReturn(
                  okJson(
                      "{\"apiVersion\":\"1\",\"jobs\":[{\"title\":\"Solutions Engineer\","
                          + "\"publishedAt\":\"2026-09-02T10:00:00.000+00:00\",\"isListed\":true,"
                          + "\"jobUrl\":\"https://jobs.ashbyhq.com/acme/"
                          + "9b1d2c3e-1111-4222-8333-444455556666/\"},"
                          + "{\"title\":\"No id anywhere\","
                          + "\"publishedAt\":\"2026-09-02T10:00:00.000+00:00\","
                          + "\"jobUrl\":\"https://jobs.ashbyhq.com/acme/careers\"}]}")));

      SourceResult r = fetchAll(SourceQuery.all());

      assertThat(r.signals())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.key().externalId()).isEqualTo("9b1d2c3e-1111-4222-8333-444455556666");
                assertThat(s.text()).isEmpty();
              });
      assertThat(r.rejected())
          .singleElement()
          .satisfies(rej -> assertThat(rej.reason()).contains("neither an 'id' nor a jobUrl"));
      assertThat(
              source.refresh(
                  SignalKey.of(source.id(), "9b1d2c3e-1111-4222-8333-444455556666"), context()))
          .isPresent();
    }

    @Test
    void compensationIsShownOnlyWhenTheBoardSaysToDisplayIt() throws Exception {
      wm.stubFor(
          get(urlPathEqualTo("/posting-api/job-board/acme"))
              .willReturn(
                  okJson(
                      "{\"apiVersion\":\"1\",\"jobs\":[{\"id\":\"a1\",\"title\":\"AE\","
                          + "\"publishedAt\":\"2026-09-02T10:00:00.000+00:00\","
                          + "\"descriptionPlain\":\"Sell.\","
                          + "\"shouldDisplayCompensationOnJobPostings\":false,"
                          + "\"compensation\":{\"compensationTierSummary\":\"$1M\"}}]}")));

      assertThat(fetchAll(SourceQuery.all()).signals())
          .singleElement()
          .satisfies(s -> assertThat(s.text()).isEqualTo("Sell."));
    }

    @Test
    void refreshFailsWhenTheWholeBoardIsNotFound() {
      wm.stubFor(
          get(urlPathEqualTo("/posting-api/job-board/acme"))
              .willReturn(aResponse().withStatus(404)));

      assertThatThrownBy(() -> source.refresh(SignalKey.of(source.id(), "x"), context()))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.NOT_FOUND));
    }
  }
}

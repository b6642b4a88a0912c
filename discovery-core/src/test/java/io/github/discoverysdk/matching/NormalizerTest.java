package io.github.discoverysdk.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizerTest {
  @Test
  void foldsCaseAndDiacritics() {
    assertThat(Normalizer.fold("Nestlé SÃO Paulo")).isEqualTo("nestle sao paulo");
  }

  @Test
  void companyNamesLoseLegalSuffixesAndPunctuation() {
    assertThat(Normalizer.companyName("Stripe, Inc.")).isEqualTo("stripe");
    assertThat(Normalizer.companyName("SALESFORCE.COM")).isEqualTo("salesforce");
    assertThat(Normalizer.companyName("Maersk A/S")).isEqualTo("maersk");
    assertThat(Normalizer.companyName("Fiat S.p.A.")).isEqualTo("fiat");
    assertThat(Normalizer.companyName("Goldman Sachs & Co.")).isEqualTo("goldman sachs");
    assertThat(Normalizer.companyName("Acme Holdings")).isEqualTo("acme holdings");
    assertThat(Normalizer.companyName("Nestlé S.A.")).isEqualTo("nestle");
    assertThat(Normalizer.companyName("Siemens AG")).isEqualTo("siemens");
    assertThat(Normalizer.companyName("Procter & Gamble Co.")).isEqualTo("procter and gamble");
    assertThat(Normalizer.companyName("Inc")).isEqualTo("inc");
  }

  @Test
  void tokensKeepTheirOffsetsInTheOriginalText() {
    String text = "Visit Stripe's booth & more";
    assertThat(Normalizer.tokenize(text))
        .extracting(Token::text)
        .containsExactly("visit", "stripe", "booth", "and", "more");
    Token stripe = Normalizer.tokenize(text).get(1);
    assertThat(text.substring(stripe.start(), stripe.end())).isEqualTo("Stripe");
  }

  @Test
  void titlesExpandAbbreviationsAndDropFillerWords() {
    assertThat(Normalizer.title("VP, Sales")).isEqualTo("vice president sales");
    assertThat(Normalizer.title("Vice President of Sales")).isEqualTo("vice president sales");
    assertThat(Normalizer.title("CRO")).isEqualTo("chief revenue officer");
    assertThat(Normalizer.title("Sr. Director, RevOps"))
        .isEqualTo("senior director revenue operations");
  }

  @Test
  void domainsReduceToTheRegistrableDomain() {
    assertThat(Normalizer.domain("https://careers.stripe.com/jobs?id=1")).contains("stripe.com");
    assertThat(Normalizer.domain("www.Stripe.com")).contains("stripe.com");
    assertThat(Normalizer.domain("news.bbc.co.uk/business")).contains("bbc.co.uk");
    assertThat(Normalizer.domain("localhost")).isEmpty();
    assertThat(Normalizer.domain("jane@stripe.com")).contains("stripe.com");
  }

  @Test
  void dottedAcronymsAreOneWord() {
    assertThat(Normalizer.phrase("I.B.M.")).isEqualTo("ibm");
    assertThat(Normalizer.phrase("I. B. M.")).isEqualTo("ibm");
    assertThat(Normalizer.phrase("I.B.M")).isEqualTo("ibm");
    assertThat(Normalizer.phrase("i.b.m. and IBM")).isEqualTo("ibm and ibm");
    assertThat(Normalizer.companyName("I.B.M. Corp.")).isEqualTo("ibm");
    assertThat(Normalizer.companyName("I. B. M.")).isEqualTo("ibm");
    String text = "Shares of I.B.M. rose";
    Token ibm = Normalizer.tokenize(text).get(2);
    assertThat(text.substring(ibm.start(), ibm.end())).isEqualTo("I.B.M");
  }

  @Test
  void dottedLettersThatAreNoAcronymStayApart() {
    // A spaced letter joins only between capitals that are dotted themselves.
    assertThat(Normalizer.phrase("Plan B. A new plan")).isEqualTo("plan b a new plan");
    assertThat(Normalizer.phrase("version 1.2")).isEqualTo("version 1 2");
    assertThat(Normalizer.phrase("Maersk A/S")).isEqualTo("maersk a s");
    assertThat(Normalizer.phrase("careers.stripe.com")).isEqualTo("careers stripe com");
    assertThat(Normalizer.phrase("a. b")).isEqualTo("a b");
  }

  @Test
  void dottedLegalFormsStillReadAsLegalForms() {
    assertThat(Normalizer.companyName("Philips N.V.")).isEqualTo("philips");
    assertThat(Normalizer.companyName("Nestlé S. A.")).isEqualTo("nestle");
    assertThat(Normalizer.companyName("Telefónica, S.A.")).isEqualTo("telefonica");
  }
}

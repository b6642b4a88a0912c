package io.github.discoverysdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompanyTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "stripe.com",
        "Stripe.com",
        " STRIPE.COM ",
        "https://stripe.com",
        "https://www.stripe.com/about",
        "http://Stripe.com:8080/x?y=1#z",
        "www.stripe.com",
        "stripe.com.",
        "stripe.com/",
        "https://user@stripe.com"
      })
  void aDomainGivenAsAWebAddressIsKeptAsItsHostName(String given) {
    assertThat(Company.of("Stripe", given).domains()).containsExactly("stripe.com");
  }

  @Test
  void subdomainsOtherThanWwwAreKeptAndDuplicatesMerge() {
    Company c = Company.of("Stripe", "https://stripe.com", "stripe.com", "careers.stripe.com");

    assertThat(c.domains()).containsExactly("stripe.com", "careers.stripe.com");
    assertThat(Company.of("BBC", "https://www.bbc.co.uk/news").domains())
        .containsExactly("bbc.co.uk");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "stripe",
        "not a domain",
        "https://",
        "ftp://stripe.com",
        "stripe..com",
        ".com",
        "-stripe.com",
        "stripe.com:abc",
        "https://stripe.com:/x",
        "stripe.123",
        "<b>stripe.com</b>",
        "*.stripe.com",
        "stripe .com"
      })
  void garbageDomainsAreRefusedNamingTheValue(String given) {
    assertThatThrownBy(() -> Company.of("Stripe", given))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("company.domains")
        .hasMessageContaining(given.strip());
  }

  @Test
  void tickersAreNormalisedToExchangeAndSymbolInUpperCase() {
    Company c =
        Company.builder()
            .name("Salesforce")
            .addTickers("nyse: crm", "NASDAQ:MDB", " NYSE : BRK.B ", "xetra:SAP", "NYSE:CRM")
            .build();

    assertThat(c.tickers()).containsExactly("NYSE:CRM", "NASDAQ:MDB", "NYSE:BRK.B", "XETRA:SAP");
    assertThat(c.aliases()).isEmpty();
    assertThat(Company.of("Stripe").tickers()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CRM",
        "NYSE:",
        ":CRM",
        "N:CRM",
        "NYSE1:CRM",
        "NYSE:CR M",
        "NYSE:.CRM",
        "NYSE:CRM.",
        "NYSE:C..RM",
        "NYSE:$CRM",
        "NYSE:ABCDEFGHIJK",
        "VERYLONGEXCHANGE:CRM",
        "NYSE:CRM:X"
      })
  void malformedTickersAreRefusedNamingTheValue(String given) {
    assertThatThrownBy(() -> Company.builder().name("Salesforce").addTickers(given).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("company.tickers")
        .hasMessageContaining(given);
  }

  @Test
  void blankTickersAndDomainsAreRefused() {
    assertThatThrownBy(() -> Company.builder().name("Salesforce").addTickers(" ").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("company.tickers");
    assertThatThrownBy(() -> Company.of("Stripe", " "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("company.domains");
  }
}

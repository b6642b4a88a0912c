package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaglinesTest {
  static Stream<Arguments> taglines() {
    return Stream.of(
        Arguments.of("VP Sales at Stripe", "VP Sales", "Stripe"),
        Arguments.of("CTO, Acme", "CTO", "Acme"),
        Arguments.of(
            "Founder &amp; CEO @ Zürich Analytics AG", "Founder & CEO", "Zürich Analytics AG"),
        Arguments.of("Staff Engineer @Shopify", "Staff Engineer", "Shopify"),
        Arguments.of("Head of Platform – Zalando SE", "Head of Platform", "Zalando SE"),
        Arguments.of(
            "Principal Engineer at Acme, Inc. | Java Champion", "Principal Engineer", "Acme, Inc."),
        Arguments.of("CTO at Acme (ex-Google)", "CTO", "Acme"),
        Arguments.of("VP, Revenue Operations at Initech", "VP, Revenue Operations", "Initech"),
        Arguments.of("Leiterin Entwicklung bei Müller GmbH", "Leiterin Entwicklung", "Müller GmbH"),
        Arguments.of("Director, Product Marketing", "Director, Product Marketing", null),
        Arguments.of("Former CTO at Globex", "Former CTO", null),
        Arguments.of("ex-Googler, Developer Advocate", "ex-Googler, Developer Advocate", null),
        Arguments.of("Google Developer Expert", "Google Developer Expert", null),
        Arguments.of("  ", null, null));
  }

  @ParameterizedTest(name = "[{index}] '{0}'")
  @MethodSource("taglines")
  void parsesTitleAndEmployerOnlyWhenConfident(String tagline, String title, String employer) {
    Taglines.Role role = Taglines.parse(tagline);

    assertThat(role.title()).isEqualTo(Optional.ofNullable(title));
    assertThat(role.employer()).isEqualTo(Optional.ofNullable(employer));
  }
}

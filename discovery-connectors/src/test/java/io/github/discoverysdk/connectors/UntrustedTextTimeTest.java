package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ReDoS (test plan SEC-14): the text a source sends is cleaned in time linear in its length. Each
 * hostile input below is the largest a field can be under the toolkit's default 10 MiB body limit
 * or a tenth of it, and made of what the old regular expressions tried again from every character:
 * before the fix, {@code Text.plain} spent about 20 s on a megabyte of {@code <} and {@code
 * Enrichers.domain} 16 s on 100 KB of {@code /}, on an idle 2-core machine. The timeout is a hang
 * detector, not a performance target: linear code finishes these in milliseconds.
 *
 * <p>No regular expression in the SDK is compiled from user input: profile keywords are matched by
 * the matching index, never as patterns.
 */
class UntrustedTextTimeTest {
  private static final Duration HANG = Duration.ofSeconds(5);
  private static final int MEGABYTE = 1 << 20;

  private static <T> T within(Supplier<T> work) {
    return assertTimeoutPreemptively(HANG, work::get);
  }

  @Test
  void aMegabyteOfOpenBracketsIsPlainTextInLinearTime() {
    String hostile = "<".repeat(MEGABYTE);

    String plain = within(() -> Text.plain(hostile, 50_000));

    assertThat(plain).hasSize(50_000).matches("<+");
  }

  @Test
  void aTagOneCharacterOverTheLimitIsText() {
    // From the first '<' of each group the '>' is one character too far; from the second it is
    // not, so each group leaves its first '<' and a space.
    String hostile = ("<".repeat(Text.MAX_TAG + 2) + ">").repeat(MEGABYTE / (Text.MAX_TAG + 3));

    String plain = within(() -> Text.plain(hostile, 10));

    assertThat(plain).isEqualTo("< ".repeat(5));
  }

  @Test
  void aLongRunOfPathCharactersIsNotADomainAndIsJudgedInLinearTime() {
    String hostile = "acme.com" + "/".repeat(MEGABYTE) + "\nx";
    String queries = "acme.com" + "?#".repeat(MEGABYTE / 2) + "\n\n";

    assertThat(within(() -> Enrichers.domain(hostile))).contains("acme.com");
    assertThat(within(() -> Enrichers.domain(queries))).contains("acme.com");
    assertThat(within(() -> Enrichers.domain("/".repeat(MEGABYTE) + "\nx"))).isEmpty();
  }

  @Test
  void hostileTaglinesAreParsedInLinearTime() {
    String spaces = " ".repeat(MEGABYTE) + "x";
    String ats = "CTO at ".repeat(MEGABYTE / 7);
    String separators = "| ; ".repeat(MEGABYTE / 4) + "CTO at Acme";
    String commas = "CTO, ".repeat(MEGABYTE / 5);

    assertThat(within(() -> Taglines.parse(spaces)).title()).contains("x");
    assertThat(within(() -> Taglines.parse(ats)).title()).contains("CTO");
    assertThat(within(() -> Taglines.parse(separators))).isEqualTo(Taglines.Role.NONE);
    assertThat(within(() -> Taglines.parse(commas)).title()).isPresent();
  }

  @Test
  void tagStrippingDoesWhatTheRegularExpressionDid() {
    // The linear scanner replaces the pattern below; on random text with tags near the length
    // limit, both give the same result.
    Pattern tag = Pattern.compile("<[^>]{0," + Text.MAX_TAG + "}>");
    Random random = new Random(14);
    for (int run = 0; run < 2_000; run++) {
      StringBuilder b = new StringBuilder();
      int parts = random.nextInt(8);
      for (int p = 0; p < parts; p++) {
        switch (random.nextInt(4)) {
          case 0 -> b.append('<');
          case 1 -> b.append('>');
          case 2 -> b.append("ab\n ".repeat(random.nextInt(4)));
          default ->
              b.append('<')
                  .append("x".repeat(Text.MAX_TAG - 2 + random.nextInt(5)))
                  .append(random.nextBoolean() ? ">" : "");
        }
      }
      String s = b.toString();

      assertThat(Text.stripTags(s)).as("run %d", run).isEqualTo(tag.matcher(s).replaceAll(" "));
    }
  }
}

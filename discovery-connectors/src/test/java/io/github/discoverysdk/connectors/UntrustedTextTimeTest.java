package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * ReDoS (test plan SEC-14): the text a source sends is cleaned in time linear in its length. Each
 * hostile input below is the largest a field can be under the toolkit's default 10 MiB body limit
 * or a tenth of it, and made of what the old regular expressions tried again from every character:
 * before the fix, {@code Text.plain} (a regular expression then) spent about 20 s on a megabyte of
 * {@code <} and {@code Enrichers.domain} 16 s on 100 KB of {@code /}, on an idle 2-core machine.
 * The timeout is a hang detector, not a performance target: linear code finishes these in
 * milliseconds.
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

    String plain = within(() -> Text.html(hostile, 50_000));

    assertThat(plain).hasSize(50_000).matches("<+");
  }

  @Test
  void longRunsOfBracketsThatCloseNoTagStayText() {
    // Before jsoup, a "<" whose ">" lay more than 2,000 characters away was text and a nearer
    // one a tag; the HTML5 tokenizer needs a letter after "<" to open a tag, so every bracket here
    // is text, and the scan is still one pass.
    String hostile = ("<".repeat(2_002) + ">").repeat(MEGABYTE / 2_003);

    String plain = within(() -> Text.html(hostile, 10));

    assertThat(plain).isEqualTo("<".repeat(10));
  }

  @Test
  void deepAndMisnestedMarkupIsReadInLinearTime() {
    // What makes a tree builder search its stack of open elements again and again: deep nesting,
    // misnested formatting (the adoption agency), tables opened inside tables, stray end tags and
    // an attribute that never ends.
    int n = MEGABYTE / 16;
    Map<String, String> hostile =
        Map.of(
            "divs", "<div>".repeat(n) + "x",
            "formatting", "<b><i></b></i>".repeat(n / 2) + "x",
            "anchors", "<a href=y>".repeat(n) + "x",
            "tables", "<table><tr><td>".repeat(n / 3) + "x",
            "closers", "</p></div></b>".repeat(n / 2) + "x",
            "lists", "<p><li>".repeat(n / 2) + "x",
            "foreign", "<svg><g>".repeat(n / 2) + "x",
            "unclosed", "x <a title=\"" + "y".repeat(MEGABYTE));

    hostile.forEach(
        (name, html) -> assertThat(within(() -> Text.html(html, 50_000))).as(name).startsWith("x"));
  }

  @Test
  void runsOfEntitiesAreDecodedOnceInLinearTime() {
    String hostile = "&amp;lt;&#x3c;&hearts;&bogus;&".repeat(MEGABYTE / 30);

    assertThat(within(() -> Text.html(hostile, 50_000)))
        .hasSize(50_000)
        .startsWith("&lt;<♥&bogus;&&lt;<♥");
  }

  @Test
  void escapedHostileMarkupIsReadInLinearTime() {
    String hostile = "&lt;div&gt;".repeat(MEGABYTE / 11) + "x";

    assertThat(within(() -> Text.escapedHtml(hostile, 100))).isEqualTo("x");
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
}

package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<List<String>> read(String text) throws Exception {
    return read(text, 1_000, 50, 100_000);
  }

  private static List<List<String>> read(String text, int maxField, int maxFields, long maxChars)
      throws Exception {
    CsvReader csv = new CsvReader(new StringReader(text), maxField, maxFields, maxChars);
    List<List<String>> out = new ArrayList<>();
    for (List<String> r = csv.next(); r != null; r = csv.next()) {
      out.add(r);
    }
    return out;
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws Exception {
    String text =
        "id,name,note\r\n"
            + "1,\"Acme, Inc.\",\"said \"\"yes\"\"\"\r\n"
            + "2,\"two\r\nlines\",\"lf\nonly\"\r\n"
            + "3,,\"\"\n";

    assertThat(read(text))
        .containsExactly(
            List.of("id", "name", "note"),
            List.of("1", "Acme, Inc.", "said \"yes\""),
            List.of("2", "two\r\nlines", "lf\nonly"),
            List.of("3", "", ""));
  }

  @Test
  void aByteOrderMarkEmptyLinesATrailingCommaAndAMissingFinalLineBreakAreFine() throws Exception {
    assertThat(read("\uFEFFa,b\r\n\r\n\n1,\n2,x"))
        .containsExactly(List.of("a", "b"), List.of("1", ""), List.of("2", "x"));
    assertThat(read("")).isEmpty();
  }

  @Test
  void recordLinesCountTheLineBreaksInsideQuotes() throws Exception {
    CsvReader csv = new CsvReader(new StringReader("h\n\"a\nb\nc\"\nnext\n"), 100, 10, 1_000);
    csv.next();
    csv.next();
    assertThat(csv.next()).containsExactly("next");
    assertThat(csv.recordLine()).isEqualTo(5);
  }

  @Test
  void grammarErrorsNameTheirLine() {
    assertThatThrownBy(() -> read("a,b\n1,\"open\n2,3\n"))
        .isInstanceOf(CsvReader.CsvException.class)
        .hasMessage("line 2: a quoted field never closes");
    assertThatThrownBy(() -> read("a,b\n1,x\"y\n"))
        .isInstanceOf(CsvReader.CsvException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("quote inside unquoted field 2");
    assertThatThrownBy(() -> read("a,b\n\"x\"y,1\n"))
        .isInstanceOf(CsvReader.CsvException.class)
        .hasMessageContaining("text after the closing quote of field 1");
  }

  @Test
  void hostileSizesStopTheReadInsteadOfGrowingMemory() {
    assertThatThrownBy(() -> read("a\n" + "x".repeat(101) + "\n", 100, 10, 10_000))
        .hasMessageContaining("longer than 100 characters");
    assertThatThrownBy(() -> read("a\n\"" + "x".repeat(101) + "\"\n", 100, 10, 10_000))
        .hasMessageContaining("longer than 100 characters");
    assertThatThrownBy(() -> read(",".repeat(11) + "\n", 100, 10, 10_000))
        .hasMessageContaining("more than 10 fields");
    assertThatThrownBy(() -> read("a\n".repeat(1_000), 100, 10, 500))
        .hasMessageContaining("longer than 500 characters");
  }

  @Test
  void randomInputEndsInRecordsOrATypedErrorNeverAnotherException() {
    Random random = new Random(42);
    char[] alphabet = {'a', ',', '"', '\r', '\n', ' ', '\u0000', '\uFEFF', 'é'};
    for (int run = 0; run < 5_000; run++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(60);
      for (int i = 0; i < n; i++) {
        s.append(alphabet[random.nextInt(alphabet.length)]);
      }
      try {
        read(s.toString(), 20, 8, 1_000);
      } catch (CsvReader.CsvException expected) {
        assertThat(expected.getMessage()).startsWith("line ");
      } catch (Exception e) {
        throw new AssertionError("input " + s.toString().replace("\n", "\\n") + " threw " + e, e);
      }
    }
  }
}

package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.connectors.CsvDeals;
import io.github.discoverysdk.deals.DealImport;
import io.github.discoverysdk.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled closed deals ({@code deals/closed-deals.csv}: 40 deals, won and lost, with contacts
 * and account domains, in {@link CsvDeals}' format) imported through {@link DealImport}, as a host
 * imports its CRM export. Dates in the file are relative ({@code now-12d}), like the bundled
 * signals', so the deals are always recent: they are resolved on the engine's clock into a copy
 * that the import reads. The companies are real, the deals, people and addresses invented.
 */
final class DemoDeals {
  /** The classpath resource. */
  static final String RESOURCE = "deals/closed-deals.csv";

  /** The source id stored on the deals. */
  static final String SOURCE = "demo-crm";

  private static final Pattern RELATIVE = Pattern.compile("now-(\\d{1,4})d");

  private DemoDeals() {}

  /** Imports the bundled deals into {@code tenant}'s deals; the won ones queue for enrichment. */
  static DealImport.Report importInto(Storage storage, Clock clock, String tenant) {
    Path file = null;
    try {
      file = Files.createTempFile("inbox-deals-", ".csv");
      Files.writeString(file, resolve(read(), clock.instant()), StandardCharsets.UTF_8);
      Path csv = file;
      CsvDeals source = CsvDeals.builder().id(SOURCE).files(t -> csv).build();
      return DealImport.of(storage, source, clock).run(tenant, Instant.EPOCH, 10);
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + RESOURCE, e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file; the JVM's temp directory is cleaned by the OS
        }
      }
    }
  }

  private static String read() throws IOException {
    try (InputStream in = DemoDeals.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code text} with every {@code now-Nd} replaced by that day's instant at {@code now}'s hour.
   */
  static String resolve(String text, Instant now) {
    Matcher m = RELATIVE.matcher(text);
    StringBuilder out = new StringBuilder();
    Instant base = now.truncatedTo(ChronoUnit.SECONDS);
    while (m.find()) {
      Instant at = base.minus(Duration.ofDays(Long.parseLong(m.group(1))));
      m.appendReplacement(out, at.toString());
    }
    m.appendTail(out);
    return out.toString();
  }
}

package io.github.discoverysdk.connectors;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealRequest;
import io.github.discoverysdk.deals.DealSource;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.support.Fields;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Closed deals from a CSV export of a host's own CRM tables, one file per tenant, read with a
 * strict RFC 4180 reader ({@link CsvReader}). The first record names the columns (any order, case
 * ignored): {@code deal_id}, {@code deal_name}, {@code stage} ({@code won}/{@code closed_won},
 * {@code lost}/{@code closed_lost}, {@code open}), {@code updated_at} are required; {@code amount},
 * {@code currency}, {@code closed_at}, {@code account_name}, {@code account_domain}, {@code
 * contact_email}, {@code contact_name}, {@code contact_title} are optional. A deal with several
 * contacts takes one row per contact; the deal's fields come from its first row. Instants are ISO
 * ({@code 2026-06-30T15:00:00Z}) or dates ({@code 2026-06-30}, midnight UTC).
 *
 * <p>A page holds the closed deals with {@code updated_at} at or after the watermark, ordered by
 * (updated_at, deal_id); the cursor is the count already returned, so the file must not change
 * while a caller pages through it. A malformed row (wrong field count, unknown stage, a date or an
 * amount that does not parse, a value the {@link Deal} model refuses) is rejected alone with its
 * line and reason, on the first page (line breaks inside a quoted value become spaces); a file that
 * breaks the CSV grammar (an unclosed quote, a stray quote) or passes the size limits fails the
 * fetch as a {@code PARSE_ERROR} naming the line.
 *
 * <p>Immutable and thread-safe.
 */
public final class CsvDeals implements DealSource {
  private static final List<String> REQUIRED =
      List.of("deal_id", "deal_name", "stage", "updated_at");

  private final String id;
  private final Function<String, Path> files;
  private final int maxFieldChars;
  private final long maxChars;

  private CsvDeals(Builder b) {
    this.id = b.id;
    this.files = b.files;
    this.maxFieldChars = b.maxFieldChars;
    this.maxChars = b.maxChars;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public DealPage fetch(DealRequest request, SourceContext context)
      throws IOException, ConnectorException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    int offset = offset(request);
    Path file =
        Objects.requireNonNull(files.apply(context.tenant()), "file of " + context.tenant());
    List<RejectedRecord> rejected = new ArrayList<>();
    List<Deal> deals;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      deals = read(new CsvReader(in, maxFieldChars, 200, maxChars), context.tenant(), rejected);
    } catch (CsvReader.CsvException e) {
      throw ConnectorException.parseError(id, null, e.getMessage(), e);
    }
    List<Deal> due =
        deals.stream()
            .filter(d -> d.stage().closed() && !d.updatedAt().isBefore(request.since()))
            .sorted(Comparator.comparing(Deal::updatedAt).thenComparing(Deal::id))
            .toList();
    int end = Math.min(due.size(), offset + request.limit());
    List<Deal> page = offset >= due.size() ? List.of() : due.subList(offset, end);
    return new DealPage(
        page,
        offset == 0 ? rejected : List.of(),
        end < due.size() ? Optional.of(String.valueOf(end)) : Optional.empty());
  }

  private static int offset(DealRequest request) {
    if (request.cursor().isEmpty()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(request.cursor().get());
      if (offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "cursor is not one a CSV deal source made (a count), was '"
              + request.cursor().get()
              + "'");
    }
  }

  private List<Deal> read(CsvReader csv, String tenant, List<RejectedRecord> rejected)
      throws IOException, CsvReader.CsvException {
    List<String> header = csv.next();
    if (header == null) {
      return List.of();
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        throw new CsvReader.CsvException("line 1: the header has no column '" + required + "'");
      }
    }
    Map<String, Deal.Builder> builders = new LinkedHashMap<>();
    Map<String, String> rejectedDeals = new HashMap<>();
    Map<String, String> firstLine = new HashMap<>();
    for (List<String> row = csv.next(); row != null; row = csv.next()) {
      String where = "line " + csv.recordLine();
      if (row.size() != header.size()) {
        rejected.add(
            RejectedRecord.of(
                where, "has " + row.size() + " fields, the header has " + header.size()));
        continue;
      }
      Row r = new Row(row, columns);
      String dealId = r.get("deal_id").orElse("");
      if (dealId.isEmpty()) {
        rejected.add(RejectedRecord.of(where, "deal_id is empty"));
        continue;
      }
      if (rejectedDeals.containsKey(dealId)) {
        continue;
      }
      try {
        Deal.Builder b = builders.get(dealId);
        if (b == null) {
          b = dealOf(r, tenant, dealId);
          builders.put(dealId, b);
          firstLine.put(dealId, where);
        }
        Optional<String> email = r.get("contact_email");
        if (email.isPresent()) {
          try {
            b.addContacts(
                DealContact.of(
                    email.get(),
                    r.get("contact_name").orElse(null),
                    r.get("contact_title").orElse(null)));
          } catch (ValidationException e) {
            rejected.add(RejectedRecord.of(where + " (deal " + dealId + ")", e.getMessage()));
          }
        }
      } catch (IllegalArgumentException | ValidationException e) {
        rejectedDeals.put(dealId, e.getMessage());
        rejected.add(RejectedRecord.of(where + " (deal " + dealId + ")", e.getMessage()));
      }
    }
    List<Deal> out = new ArrayList<>();
    for (Map.Entry<String, Deal.Builder> e : builders.entrySet()) {
      try {
        out.add(e.getValue().build());
      } catch (ValidationException ex) {
        rejected.add(
            RejectedRecord.of(
                firstLine.get(e.getKey()) + " (deal " + e.getKey() + ")", ex.getMessage()));
      }
    }
    return out;
  }

  private Deal.Builder dealOf(Row r, String tenant, String dealId) {
    Deal.Builder b =
        Deal.builder()
            .tenant(tenant)
            .source(id)
            .id(dealId)
            .name(
                r.get("deal_name")
                    .orElseThrow(() -> new IllegalArgumentException("deal_name is empty")))
            .stage(stage(r.get("stage").orElse("")))
            .updatedAt(
                r.get("updated_at")
                    .map(v -> instant("updated_at", v))
                    .orElseThrow(() -> new IllegalArgumentException("updated_at is empty")));
    r.get("closed_at").map(v -> instant("closed_at", v)).ifPresent(b::closedAt);
    r.get("amount").map(CsvDeals::amount).ifPresent(b::amount);
    r.get("currency").map(c -> c.toUpperCase(Locale.ROOT)).ifPresent(b::currency);
    r.get("account_name")
        .ifPresent(n -> b.account(DealAccount.of(n, r.get("account_domain").orElse(null))));
    return b;
  }

  private static DealStage stage(String text) {
    return switch (text.toLowerCase(Locale.ROOT).replace(" ", "_")) {
      case "won", "closed_won", "closedwon" -> DealStage.CLOSED_WON;
      case "lost", "closed_lost", "closedlost" -> DealStage.CLOSED_LOST;
      case "open" -> DealStage.OPEN;
      default ->
          throw new IllegalArgumentException(
              "stage must be won, lost or open (or closed_won, closed_lost), was '" + text + "'");
    };
  }

  private static BigDecimal amount(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount is not a number: '" + text + "'");
    }
  }

  private static Instant instant(String column, String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          column + " must be an ISO instant or date, was '" + text + "'");
    }
  }

  private static final java.util.regex.Pattern LINE_BREAKS =
      java.util.regex.Pattern.compile("[\\r\\n\\t]+");

  /** One record by column name; blank values count as absent, line breaks become spaces. */
  private record Row(List<String> fields, Map<String, Integer> columns) {
    Optional<String> get(String column) {
      Integer i = columns.get(column);
      if (i == null) {
        return Optional.empty();
      }
      // Every column is single-line in the model: an export's wrapped text becomes one line.
      String v = LINE_BREAKS.matcher(fields.get(i)).replaceAll(" ").strip();
      return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
  }

  @Override
  public String toString() {
    return "CsvDeals[" + id + "]";
  }

  /** Builds a {@link CsvDeals}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private String id = "csv";
    private Function<String, Path> files;
    private int maxFieldChars = 10_000;
    private long maxChars = 64L * 1024 * 1024;

    private Builder() {}

    /** The source id, stored on every deal; default {@code "csv"}. */
    public Builder id(String id) {
      Fields.identifier("id", id, 100);
      this.id = id;
      return this;
    }

    /** The CSV file of each tenant. Required. */
    public Builder files(Function<String, Path> files) {
      this.files = Objects.requireNonNull(files, "files");
      return this;
    }

    /** Longest field accepted; default 10,000 characters. */
    public Builder maxFieldChars(int max) {
      if (max < 1) {
        throw new ValidationException("maxFieldChars must be positive, was " + max);
      }
      this.maxFieldChars = max;
      return this;
    }

    /** Longest file accepted; default 64 Mi characters. */
    public Builder maxChars(long max) {
      if (max < 1) {
        throw new ValidationException("maxChars must be positive, was " + max);
      }
      this.maxChars = max;
      return this;
    }

    public CsvDeals build() {
      if (files == null) {
        throw new ValidationException("files are required");
      }
      return new CsvDeals(this);
    }
  }
}

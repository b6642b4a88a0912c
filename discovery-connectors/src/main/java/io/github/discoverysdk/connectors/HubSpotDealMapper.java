package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.spi.RejectedRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns HubSpot deal, contact and company records into a {@link Deal}. Not thread-safe. */
final class HubSpotDealMapper {
  private final String source;
  private final String tenant;

  HubSpotDealMapper(String source, String tenant) {
    this.source = source;
    this.tenant = tenant;
  }

  /**
   * The deal of {@code record}; contacts that cannot be used are added to {@code rejected}.
   *
   * @throws IllegalArgumentException or {@link ValidationException} naming the field, when the deal
   *     itself is malformed
   */
  Deal deal(
      JsonNode record,
      List<JsonNode> contacts,
      List<JsonNode> companies,
      List<RejectedRecord> rejected) {
    String id = Json.required(record, "id");
    JsonNode p = record.path("properties");
    DealStage stage = stage(p);
    Deal.Builder b =
        Deal.builder()
            .tenant(tenant)
            .source(source)
            .id(id)
            .name(Json.required(p, "dealname"))
            .stage(stage)
            .updatedAt(
                instant(p, "hs_lastmodifieddate")
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "field 'hs_lastmodifieddate' is missing")));
    Optional<Instant> closed = instant(p, "closedate");
    if (stage.closed() && closed.isEmpty()) {
      throw new IllegalArgumentException("field 'closedate' is missing on a closed deal");
    }
    closed.ifPresent(b::closedAt);
    Json.text(p, "amount").ifPresent(a -> b.amount(amount(a)));
    Json.text(p, "deal_currency_code").ifPresent(c -> b.currency(c.toUpperCase(Locale.ROOT)));
    for (JsonNode c : companies) {
      Optional<String> name = Json.text(c.path("properties"), "name");
      if (name.isPresent()) {
        b.account(
            DealAccount.of(name.get(), Json.text(c.path("properties"), "domain").orElse(null)));
        break;
      }
    }
    Set<String> emails = new HashSet<>();
    for (JsonNode c : contacts) {
      JsonNode cp = c.path("properties");
      String contactId = "deal " + id + " contact " + Json.text(c, "id").orElse("?");
      try {
        String email =
            Json.text(cp, "email")
                .orElseThrow(() -> new IllegalArgumentException("field 'email' is missing"));
        String name =
            (Json.text(cp, "firstname").orElse("") + " " + Json.text(cp, "lastname").orElse(""))
                .strip();
        DealContact contact = DealContact.of(email, name, Json.text(cp, "jobtitle").orElse(null));
        if (emails.add(contact.email())) {
          b.addContacts(contact);
        }
      } catch (IllegalArgumentException | ValidationException e) {
        rejected.add(RejectedRecord.of(contactId, e.getMessage()));
      }
    }
    return b.build();
  }

  private static DealStage stage(JsonNode p) {
    boolean won = Json.text(p, "hs_is_closed_won").map("true"::equalsIgnoreCase).orElse(false);
    boolean closed = Json.text(p, "hs_is_closed").map("true"::equalsIgnoreCase).orElse(false);
    String stage = Json.text(p, "dealstage").orElse("");
    if (won || stage.equals("closedwon")) {
      return DealStage.CLOSED_WON;
    }
    if (closed || stage.equals("closedlost")) {
      return DealStage.CLOSED_LOST;
    }
    return DealStage.OPEN;
  }

  private static BigDecimal amount(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field 'amount' is not a number: '" + text + "'");
    }
  }

  /** An ISO instant or epoch milliseconds, as HubSpot writes date-time properties. */
  static Optional<Instant> instant(JsonNode p, String field) {
    Optional<String> text = Json.text(p, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get();
    try {
      return Optional.of(
          t.chars().allMatch(Character::isDigit)
              ? Instant.ofEpochMilli(Long.parseLong(t))
              : Instant.parse(t));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("field '" + field + "' is not a date-time: '" + t + "'");
    }
  }
}

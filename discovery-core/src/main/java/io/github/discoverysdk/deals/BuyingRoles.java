package io.github.discoverysdk.deals;

import io.github.discoverysdk.matching.JobTitle;
import io.github.discoverysdk.matching.JobTitle.Seniority;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a deal contact's {@link BuyingRole} from its title's seniority and function ({@link
 * JobTitle}) and from what a person enrichment returned: Apollo-style {@code seniority} ({@code
 * c_suite}, {@code vp}, {@code head}, {@code director}, {@code manager}, {@code senior}, {@code
 * entry}, {@code owner}, {@code founder}, {@code partner}, {@code intern}) and {@code departments}
 * ({@code master_sales}, {@code legal}, {@code finance} …). Enrichment wins where it speaks, and
 * the role says so ({@link ContactRole#seniorityVerified()}, {@link
 * ContactRole#departmentVerified()}).
 *
 * <p>The rules, in order: procurement or legal is a {@link BuyingRole#BLOCKER} at any level; chief
 * officers, owners, founders, partners and vice presidents are {@link BuyingRole#DECISION_MAKER}s;
 * heads and directors {@link BuyingRole#CHAMPION}s; managers and leads {@link
 * BuyingRole#INFLUENCER}s; individual contributors {@link BuyingRole#USER}s; anything else {@link
 * BuyingRole#UNKNOWN}. Stateless and thread-safe.
 */
public final class BuyingRoles {
  private static final Map<String, Seniority> ENRICHED_SENIORITY =
      Map.ofEntries(
          Map.entry("c_suite", Seniority.CHIEF),
          Map.entry("owner", Seniority.CHIEF),
          Map.entry("founder", Seniority.CHIEF),
          Map.entry("partner", Seniority.CHIEF),
          Map.entry("vp", Seniority.VICE_PRESIDENT),
          Map.entry("head", Seniority.HEAD),
          Map.entry("director", Seniority.DIRECTOR),
          Map.entry("manager", Seniority.MANAGER),
          Map.entry("senior", Seniority.LEAD),
          Map.entry("entry", Seniority.INDIVIDUAL),
          Map.entry("intern", Seniority.INDIVIDUAL));

  /** Apollo's department keys, to the functions {@link JobTitle} uses. */
  private static final Map<String, String> ENRICHED_DEPARTMENT =
      Map.ofEntries(
          Map.entry("master_sales", "sales"),
          Map.entry("sales", "sales"),
          Map.entry("master_marketing", "marketing"),
          Map.entry("marketing", "marketing"),
          Map.entry("master_engineering_technical", "engineering"),
          Map.entry("engineering_technical", "engineering"),
          Map.entry("master_information_technology", "technology"),
          Map.entry("information_technology", "technology"),
          Map.entry("master_finance", "finance"),
          Map.entry("finance", "finance"),
          Map.entry("master_operations", "operations"),
          Map.entry("operations", "operations"),
          Map.entry("master_human_resources", "people"),
          Map.entry("human_resources", "people"),
          Map.entry("master_legal", "legal"),
          Map.entry("legal", "legal"),
          Map.entry("master_purchasing", "procurement"),
          Map.entry("purchasing", "procurement"),
          Map.entry("procurement", "procurement"),
          Map.entry("c_suite", "executive"),
          Map.entry("master_product_management", "product"),
          Map.entry("product_management", "product"),
          Map.entry("data_science", "data"),
          Map.entry("master_support", "customer success"),
          Map.entry("support", "customer success"));

  private static final Set<String> GATEKEEPING = Set.of("procurement", "legal");

  private BuyingRoles() {}

  /**
   * The role of {@code contact}, given the attributes a person enrichment returned for it (empty
   * when there was none).
   */
  public static ContactRole of(DealContact contact, Map<String, String> enrichment) {
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(enrichment, "enrichment");
    Optional<String> title =
        Optional.ofNullable(enrichment.get("title")).filter(t -> !t.isBlank()).or(contact::title);
    JobTitle parsed = JobTitle.parse(title.orElse(""));
    Optional<Seniority> enrichedSeniority =
        Optional.ofNullable(enrichment.get("seniority"))
            .map(s -> ENRICHED_SENIORITY.get(s.strip().toLowerCase(Locale.ROOT)));
    Seniority seniority = enrichedSeniority.orElse(parsed.seniority());
    Set<String> enrichedFunctions = departments(enrichment.get("departments"));
    Set<String> functions = enrichedFunctions.isEmpty() ? parsed.functions() : enrichedFunctions;
    BuyingRole role = role(seniority, functions);
    String reason =
        title.orElse("no title")
            + ": "
            + seniority.name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + (enrichedSeniority.isPresent() ? " (enrichment)" : " (title)")
            + (functions.isEmpty() ? "" : ", " + String.join(", ", functions))
            + " → "
            + role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return new ContactRole(
        role,
        seniority,
        functions,
        enrichedSeniority.isPresent(),
        !enrichedFunctions.isEmpty(),
        reason);
  }

  static BuyingRole role(Seniority seniority, Set<String> functions) {
    for (String f : functions) {
      if (GATEKEEPING.contains(f)) {
        return BuyingRole.BLOCKER;
      }
    }
    return switch (seniority) {
      case CHIEF, VICE_PRESIDENT -> BuyingRole.DECISION_MAKER;
      case HEAD, DIRECTOR -> BuyingRole.CHAMPION;
      case MANAGER, LEAD -> BuyingRole.INFLUENCER;
      case INDIVIDUAL -> BuyingRole.USER;
      case UNKNOWN -> BuyingRole.UNKNOWN;
    };
  }

  /** Apollo's comma-joined department keys as functions; unknown keys are dropped. */
  private static Set<String> departments(String joined) {
    Set<String> out = new LinkedHashSet<>();
    if (joined == null) {
      return out;
    }
    for (String d : joined.split(",")) {
      String f = ENRICHED_DEPARTMENT.get(d.strip().toLowerCase(Locale.ROOT));
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }
}

package io.github.discoverysdk.matching;

import java.util.HashSet;
import java.util.Set;

/**
 * Word lists the matcher consults: company names that are also common words (guarded), words that
 * say a text is about a business (cues), generic corporate words (down-weighted) and frequent
 * English words (never taken for a typo of a company name). Immutable and thread-safe.
 */
final class Lexicon {
  /** Company names that are everyday words or places: they need evidence to count. */
  static final Set<String> GUARDED =
      words(
          """
          apple square target shell oracle zoom slack workday sap visa gong outreach clari meta
          box gap amazon alphabet block snap mint chime ramp notion monday front drift segment
          amplitude looker tableau nike dove tide subway chase discover citizens regions truist
          fidelity vanguard progressive allstate liberty pioneer sprint orange three sky virgin
          fox time people fortune wired vice uber bolt wise sage unity epic valve steam
          signal line grab sea mercury ford ram dodge seat smart mini lotus jaguar puma vans
          converse columbia coach guess express limited staples office depot marathon total
          genesis nova apex summit vertex pinnacle zenith horizon frontier pacific atlantic
          delta united spirit alaska jupiter saturn venus mars neptune titan atlas orion phoenix
          amber jade ruby pearl crystal coral ivory envoy bench lattice culture greenhouse lever
          elastic census compass beacon anchor harbor bridge carrier
          """);

  /**
   * Leading articles a company name may be written with or without ("The Trade Desk", "Der
   * Spiegel", "La Poste"): English, German, French, Spanish and Italian ones that are no common
   * English word or legal form. Dutch "de", Portuguese "a"/"o" and elided "l'" are left out: they
   * begin names ("De Beers") or are words of their own.
   */
  static final Set<String> ARTICLES = words("the die der das la le les el los las il");

  /** Words near a name that say the text speaks of a business. */
  static final Set<String> CUES =
      words(
          """
          announce announces announced announcing unveil unveils unveiled launch launches launched
          raise raises raised raising acquire acquires acquired acquisition acquisitions merger
          ipo shares share stock stocks earnings revenue revenues quarterly quarter profit profits
          ceo cfo cto cro coo cmo cio founder cofounder founders chairman president executives
          executive spokesperson spokeswoman spokesman headquarters headquartered nasdaq nyse
          investors investor customers customer partnership partners partnered partner hires hired
          hiring layoffs laid employees staff startup company companies corporation firm inc
          software platform saas cloud subscription subscriptions users enterprise vendor vendors
          integration integrations api release released sued lawsuit valuation funding backed
          analyst analysts deal deals contract contracts signed competitor competitors rival rivals
          retailer retailers stores store chain brand market markets billion million
          app apps product products service services rollout outage pricing team teams
          keynote sponsor sponsors sponsored exhibitor booth conference summit webinar
          acquires buys bought invests invested investment shareholders board
          oil gas petrol fuel energy refinery payments payment card cards network bank
          device devices iphone ipad mac macbook watch vision workspace meetings meeting call
          calls video chat messaging channel channels hr payroll database databases erp crm
          revenue intelligence sales engagement forecasting opens expands expanded appoints
          appointed names named reports reported cuts cut files filed agreed agreement fees
          regulators antitrust settlement guidance outlook results forecast
          """);

  /** Words companies add to their names that say little about which company it is. */
  static final Set<String> GENERIC =
      words(
          """
          group holdings holding technologies technology tech labs lab systems software solutions
          international global worldwide services partners enterprises industries networks
          digital interactive ventures capital consulting analytics data cloud media brands
          platforms communications
          """);

  /**
   * Frequent English words: a text word from this list is never read as a typo of a company name
   * ("Strike" is not "Stripe").
   */
  static final Set<String> COMMON =
      words(
          """
          about above across after again against along already also always among another answer
          around because become before began begin behind being below between beyond both bring
          built business called cannot change children church city close company country course
          during early either enough every example family father figure follow friend general
          government great ground group having heard house however important inside instead
          interest island itself large later learn least letter little making market matter
          meeting member million minute moment money morning mother mountain movement music
          nation nature never number office often order other people perhaps person picture
          place plant point policy power present pretty probably problem program public question
          quickly rather really reason report result return right river school second should
          simple since small social something sometimes special spring start state still story
          strike stripes street strong student study summer system table taking thing think
          though thought through today together toward travel trying under until using usually
          water where whether which while white whole within without woman world would write
          written young strip stroke striped strips strikes sales force forces market markets
          markets snowflakes snowfall flakes slacks zooms apples squares targets shells
          oracles visas gongs meta metadata metal metric metrics stride strive
          weekly monthly yearly daily annual report reports thanks please welcome beyond
          section sections agenda speaker speakers sponsor sponsors events event session
          sessions panel keynote workshop workshops summit summits meetup meetups
          """);

  /**
   * Words that, next to a guarded name, show the everyday sense: "Apple pie", "Visa application",
   * "Target audience", "Shell company".
   */
  static final java.util.Map<String, Set<String>> SENSES =
      java.util.Map.ofEntries(
          java.util.Map.entry(
              "apple",
              words(
                  "pie pies recipe juice tree trees orchard orchards cider fruit crumble sauce picking")),
          java.util.Map.entry(
              "square",
              words(
                  "feet foot footage meter meters metre metres mile miles root dance garden one")),
          java.util.Map.entry(
              "target",
              words("audience audiences practice date range shooting price prices goal goals")),
          java.util.Map.entry(
              "shell",
              words(
                  "company companies corporation beach beaches sea egg eggs oyster shock script game")),
          java.util.Map.entry("oracle", words("delphi ancient bones prophecy")),
          java.util.Map.entry("zoom", words("lens lenses camera optical")),
          java.util.Map.entry("slack", words("rope tide water line jaw")),
          java.util.Map.entry(
              "visa",
              words(
                  "application applications passport embassy tourist tourists consulate immigration travel student students work bulletin requirements")),
          java.util.Map.entry("gong", words("bath bell ceremony meditation cymbal cymbals")),
          java.util.Map.entry(
              "outreach", words("community program programs church volunteers volunteer")),
          java.util.Map.entry("meta", words("analysis description tags tag")),
          java.util.Map.entry("workday", words("routine routines morning lunch commute")));

  private Lexicon() {}

  static boolean isGuarded(String key) {
    return GUARDED.contains(key) || Taxonomy.isPlace(key);
  }

  private static Set<String> words(String block) {
    Set<String> out = new HashSet<>();
    for (String w : block.trim().split("\\s+")) {
      out.add(w);
    }
    return Set.copyOf(out);
  }
}

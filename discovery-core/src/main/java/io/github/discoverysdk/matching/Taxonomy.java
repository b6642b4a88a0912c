package io.github.discoverysdk.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small taxonomy of industries and regions with their synonyms and containment: {@code "financial
 * technology"} is {@code fintech}, which belongs to {@code financial services}; {@code "Munich"} is
 * in Germany, which is in DACH, Europe and EMEA; US states and major cities resolve to their
 * country. Names are compared after {@link Normalizer#fold folding} with spaces, hyphens and dots
 * removed, so {@code "E-Commerce"} and {@code "ecommerce"} agree. Immutable and thread-safe.
 *
 * <p>The tables are deliberately small: they cover the names a sales profile is written with, not a
 * gazetteer. A name the taxonomy does not know still matches itself.
 */
public final class Taxonomy {
  // canonical: synonyms... > parents...
  private static final String INDUSTRIES =
      """
      financial services: finance, finserv, financial, banking and finance >
      fintech: financial technology, fin tech > financial services
      payments: payment processing, payment, online payments > fintech
      banking: banks, bank, retail banking, commercial banking > financial services
      insurance: insurers, insurance services >  financial services
      insurtech: insurance technology > insurance, fintech
      wealth management: asset management, investment management > financial services
      crypto: cryptocurrency, blockchain, web3, digital assets > fintech
      software: enterprise software, software development >
      saas: software as a service, cloud software, b2b saas > software
      cybersecurity: cyber security, information security, infosec, security software > software
      artificial intelligence: ai, machine learning, ml, generative ai, genai > software
      data and analytics: data analytics, analytics, big data, business intelligence > software
      devtools: developer tools, developer platform > software
      healthcare: health care, health, healthcare services >
      healthtech: health technology, digital health, medtech, medical technology > healthcare
      life sciences: >  healthcare
      biotech: biotechnology > life sciences
      pharma: pharmaceuticals, pharmaceutical > life sciences
      retail: retailers, consumer retail >
      ecommerce: e commerce, online retail, online shopping > retail
      consumer goods: cpg, consumer packaged goods, fmcg >
      manufacturing: industrial, industrials, industrial manufacturing >
      automotive: auto, automobiles, cars > manufacturing
      logistics: supply chain, transportation, freight, shipping >
      energy: oil and gas, utilities, power >
      cleantech: clean energy, renewable energy, renewables, climate tech > energy
      telecommunications: telecom, telco, telecoms >
      media: media and entertainment, entertainment, publishing >
      education: higher education, schools >
      edtech: education technology > education
      real estate: property, commercial real estate >
      proptech: property technology > real estate
      government: public sector, federal government, state and local government >
      professional services: consulting, legal services, accounting >
      hospitality: travel, travel and hospitality, hotels >
      """;

  private static final String REGIONS =
      """
      emea: europe middle east and africa >
      europe: eu, european union, continental europe > emea
      middle east: mena, gcc > emea
      africa: sub saharan africa > emea
      dach: > europe
      nordics: nordic, scandinavia, nordic countries > europe
      benelux: > europe
      uki: uk and ireland, uk and i, british isles > europe
      southern europe: > europe
      eastern europe: cee, central and eastern europe > europe
      americas: amer, the americas >
      north america: namer, nam > americas
      latam: latin america, south america, central america > americas
      apac: asia pacific, asia >
      anz: australia and new zealand, oceania > apac
      germany: de, deutschland > dach
      austria: at, osterreich > dach
      switzerland: ch, schweiz, suisse > dach
      sweden: se > nordics
      norway: no > nordics
      denmark: dk > nordics
      finland: fi > nordics
      iceland: > nordics
      netherlands: nl, holland, the netherlands > benelux
      belgium: be > benelux
      luxembourg: lu > benelux
      united kingdom: uk, gb, great britain, britain, england, scotland, wales, northern ireland > uki
      ireland: ie, republic of ireland, eire > uki
      france: fr > europe
      spain: es, espana > southern europe
      portugal: pt > southern europe
      italy: it, italia > southern europe
      greece: gr > southern europe
      poland: pl > eastern europe
      czechia: cz, czech republic > eastern europe
      romania: ro > eastern europe
      hungary: hu > eastern europe
      ukraine: ua > eastern europe
      estonia: ee > eastern europe
      lithuania: lt > eastern europe
      latvia: lv > eastern europe
      united arab emirates: uae, ae, emirates > middle east
      saudi arabia: ksa, sa > middle east
      israel: il > middle east
      qatar: qa > middle east
      turkey: tr, turkiye > middle east
      south africa: za > africa
      nigeria: ng > africa
      kenya: ke > africa
      egypt: eg > africa
      morocco: ma > africa
      united states: us, usa, u s, u s a, united states of america, america > north america
      canada: ca > north america
      mexico: mx > latam
      brazil: br, brasil > latam
      argentina: ar > latam
      chile: cl > latam
      colombia: co > latam
      peru: pe > latam
      australia: au > anz
      new zealand: nz > anz
      japan: jp > apac
      china: cn, prc > apac
      hong kong: hk > apac
      singapore: sg > apac
      india: in > apac
      south korea: kr, korea > apac
      indonesia: id > apac
      philippines: ph > apac
      vietnam: vn, viet nam > apac
      thailand: th > apac
      malaysia: my > apac
      taiwan: tw > apac
      """;

  private static final String US_STATES =
      """
      alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
      hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
      michigan minnesota mississippi missouri montana nebraska nevada new_hampshire new_jersey
      new_mexico new_york north_carolina north_dakota ohio oklahoma oregon pennsylvania
      rhode_island south_carolina south_dakota tennessee texas utah vermont virginia washington
      west_virginia wisconsin wyoming district_of_columbia washington_dc
      """;

  // city: country
  private static final String CITIES =
      """
      new york city, nyc, manhattan, brooklyn, san francisco, sf, bay area, silicon valley,
      los angeles, la, chicago, boston, seattle, austin, dallas, houston, denver, atlanta, miami,
      philadelphia, phoenix, san diego, san jose, palo alto, mountain view, menlo park, portland,
      nashville, raleigh, salt lake city, minneapolis, detroit, pittsburgh, las vegas > united states
      toronto, vancouver, montreal, ottawa, calgary, ontario, quebec, british columbia, alberta > canada
      london, manchester, edinburgh, birmingham, glasgow, bristol, cambridge, oxford, leeds > united kingdom
      dublin, cork, galway > ireland
      paris, lyon, marseille, toulouse, nice > france
      berlin, munich, munchen, hamburg, frankfurt, cologne, koln, stuttgart, dusseldorf > germany
      vienna, wien, salzburg > austria
      zurich, geneva, basel, bern, lausanne, zug > switzerland
      amsterdam, rotterdam, the hague, utrecht, eindhoven > netherlands
      brussels, antwerp, ghent > belgium
      stockholm, gothenburg, malmo > sweden
      oslo, bergen > norway
      copenhagen, aarhus > denmark
      helsinki, espoo > finland
      madrid, barcelona, valencia, seville > spain
      lisbon, porto > portugal
      milan, rome, turin, florence > italy
      warsaw, krakow, wroclaw > poland
      prague, brno > czechia
      tallinn > estonia
      dubai, abu dhabi > united arab emirates
      riyadh, jeddah > saudi arabia
      tel aviv, jerusalem, haifa > israel
      doha > qatar
      istanbul, ankara > turkey
      cape town, johannesburg > south africa
      lagos > nigeria
      nairobi > kenya
      cairo > egypt
      mexico city, guadalajara, monterrey > mexico
      sao paulo, rio de janeiro > brazil
      buenos aires > argentina
      santiago > chile
      bogota, medellin > colombia
      sydney, melbourne, brisbane, perth > australia
      auckland, wellington > new zealand
      tokyo, osaka > japan
      beijing, shanghai, shenzhen > china
      bangalore, bengaluru, mumbai, delhi, new delhi, hyderabad, pune, chennai > india
      seoul > south korea
      jakarta > indonesia
      manila > philippines
      kuala lumpur > malaysia
      bangkok > thailand
      ho chi minh city, hanoi > vietnam
      taipei > taiwan
      """;

  private static final Graph INDUSTRY = Graph.parse(INDUSTRIES);
  private static final Graph REGION = regionGraph();

  private Taxonomy() {}

  /**
   * The canonical industry a name stands for: {@code "Financial Technology"} gives {@code
   * "fintech"}. Empty when the taxonomy does not know the name.
   */
  public static Optional<String> industry(String name) {
    return Optional.ofNullable(INDUSTRY.canonical.get(key(name)));
  }

  /**
   * The canonical industry of a name followed by every broader industry that contains it: {@code
   * "payments"} gives {@code [payments, fintech, financial services]}. A name the taxonomy does not
   * know gives itself, folded.
   */
  public static List<String> industryAndBroader(String name) {
    return INDUSTRY.closure(name);
  }

  /**
   * The canonical region of a place, for a city or a US state its country: {@code "NYC"} gives
   * {@code "united states"}. Empty when the taxonomy does not know the place.
   */
  public static Optional<String> region(String name) {
    return Optional.ofNullable(REGION.canonical.get(key(name)));
  }

  /**
   * A place followed by every region that contains it: {@code "Munich"} gives {@code [germany,
   * dach, europe, emea]}, {@code "Texas"} gives {@code [united states, north america, americas]}. A
   * place the taxonomy does not know gives itself, folded.
   */
  public static List<String> regionAndContaining(String name) {
    return REGION.closure(name);
  }

  /** Whether a folded word or phrase names a place the taxonomy knows (guarded as a name). */
  static boolean isPlace(String folded) {
    String k = folded.replace(" ", "");
    // Two-letter country codes are too ambiguous to guard ("sa", "it").
    return k.length() > 2 && REGION.canonical.containsKey(k);
  }

  /** The comparison key of a name: folded, with everything but letters and digits removed. */
  static String key(String name) {
    String folded = Normalizer.fold(name);
    StringBuilder b = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
      } else if (c == '&') {
        b.append("and");
      }
    }
    return b.toString();
  }

  private static Graph regionGraph() {
    StringBuilder table = new StringBuilder(REGIONS);
    table.append("united states: ");
    table.append(String.join(", ", US_STATES.trim().split("\\s+")).replace('_', ' '));
    table.append(" > north america\n");
    Graph g = Graph.parse(table.toString());
    // A city resolves to its country: a profile's "Germany" matches a signal in "Berlin".
    StringBuilder pending = new StringBuilder();
    for (String line : CITIES.split("\n")) {
      pending.append(line).append(' ');
      int gt = line.indexOf('>');
      if (gt < 0) {
        continue;
      }
      String group = pending.toString();
      pending.setLength(0);
      int at = group.indexOf('>');
      String country = g.display(group.substring(at + 1));
      for (String city : group.substring(0, at).split(",")) {
        String k = key(city);
        if (!k.isEmpty()) {
          g.canonical.putIfAbsent(k, country);
        }
      }
    }
    return g;
  }

  private static final class Graph {
    /** Compact key of a name or synonym to the display name of its canonical entry. */
    final Map<String, String> canonical = new HashMap<>();

    final Map<String, List<String>> parents = new HashMap<>();

    static Graph parse(String table) {
      Graph g = new Graph();
      for (String line : table.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        int colon = line.indexOf(':');
        int gt = line.indexOf('>');
        String name = Normalizer.phrase(line.substring(0, colon));
        g.canonical.put(key(name), name);
        for (String syn : line.substring(colon + 1, gt).split(",")) {
          String k = key(syn);
          if (!k.isEmpty()) {
            g.canonical.putIfAbsent(k, name);
          }
        }
        List<String> ps = new ArrayList<>(g.parents.getOrDefault(name, List.of()));
        for (String p : line.substring(gt + 1).split(",")) {
          if (!p.isBlank()) {
            ps.add(Normalizer.phrase(p));
          }
        }
        g.parents.put(name, ps);
      }
      return g;
    }

    String display(String name) {
      return canonical.getOrDefault(key(name), Normalizer.phrase(name));
    }

    List<String> closure(String name) {
      Set<String> out = new LinkedHashSet<>();
      List<String> queue = new ArrayList<>();
      queue.add(display(name));
      for (int i = 0; i < queue.size(); i++) {
        String k = queue.get(i);
        if (out.add(k)) {
          queue.addAll(parents.getOrDefault(k, List.of()));
        }
      }
      return List.copyOf(out);
    }
  }
}

package io.github.discoverysdk.connectors.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gazetteer and cue words of {@link RuleEntityExtractor}: legal suffixes and words that end
 * organisation names, well-known organisations, common given names (international), the words
 * titles are made of, and the capitalised words that are neither (sentence starts, months, series).
 * Lower case throughout.
 */
final class EntityLexicon {
  private EntityLexicon() {}

  private static Set<String> words(String s) {
    return Set.copyOf(List.of(s.toLowerCase(Locale.ROOT).trim().split("\\s+")));
  }

  /** Legal forms: a capitalised run ending in one is an organisation. */
  static final Set<String> LEGAL =
      words(
          "inc incorporated corp corporation co ltd limited llc llp lp plc gmbh ag sa sas sarl"
              + " bv nv spa srl oy ab asa as kk pte pty se kgaa");

  /** Words that end or make organisation names: "Northwind Capital", "First Bank". */
  static final Set<String> ORG_WORDS =
      words(
          "group holdings technologies technology labs laboratories bank capital partners"
              + " ventures systems software networks therapeutics pharmaceuticals pharma"
              + " biosciences bio health healthcare energy airlines airways motors foods"
              + " university institute insurance financial securities solutions analytics"
              + " robotics semiconductor semiconductors logistics industries media studios"
              + " games entertainment telecom communications consulting associates"
              + " investments fund management digital cloud security dynamics automotive"
              + " aerospace devices medical diagnostics brands retail payments fintech ai"
              + " data platforms platform hospital clinic foundation agency bancorp authority"
              + " commission bureau ministry savings");

  /** Organisations known by a bare name, as a run of capitalised words. */
  static final Set<String> KNOWN_ORGS =
      Set.copyOf(
          List.of(
              "google",
              "alphabet",
              "microsoft",
              "apple",
              "amazon",
              "meta",
              "facebook",
              "netflix",
              "salesforce",
              "oracle",
              "sap",
              "ibm",
              "intel",
              "nvidia",
              "amd",
              "cisco",
              "adobe",
              "stripe",
              "adyen",
              "paypal",
              "klarna",
              "revolut",
              "monzo",
              "wise",
              "plaid",
              "square",
              "shopify",
              "hubspot",
              "zendesk",
              "atlassian",
              "slack",
              "zoom",
              "snowflake",
              "databricks",
              "datadog",
              "okta",
              "cloudflare",
              "crowdstrike",
              "palantir",
              "uber",
              "lyft",
              "airbnb",
              "tesla",
              "spotify",
              "twilio",
              "workday",
              "servicenow",
              "siemens",
              "bosch",
              "volkswagen",
              "bmw",
              "mercedes-benz",
              "nestlé",
              "nestle",
              "unilever",
              "accenture",
              "deloitte",
              "mckinsey",
              "kpmg",
              "pwc",
              "openai",
              "anthropic",
              "mistral",
              "cohere",
              "hugging face",
              "github",
              "gitlab",
              "mongodb",
              "elastic",
              "confluent",
              "hashicorp",
              "gong",
              "outreach",
              "apollo",
              "zoominfo",
              "linkedin",
              "x",
              "ericsson",
              "nokia",
              "philips",
              "spotify",
              "samsung",
              "sony",
              "toyota",
              "honda",
              "walmart",
              "target",
              "visa",
              "mastercard",
              "jpmorgan",
              "goldman sachs",
              "morgan stanley",
              "blackrock",
              "sequoia",
              "andreessen horowitz",
              "accel",
              "index ventures",
              "lightspeed",
              "insight partners",
              "tiger global",
              "softbank",
              "y combinator",
              "the sec",
              "sec",
              "ftc",
              "fca",
              "bafin",
              "european commission",
              "cnil",
              "ico",
              "doj",
              "department of justice",
              "federal reserve",
              "ecb",
              "mongodb",
              "notion",
              "figma",
              "canva",
              "miro",
              "personio",
              "celonis",
              "n26",
              "deel",
              "rippling",
              "gusto",
              "brex",
              "ramp",
              "mollie",
              "checkout.com",
              "dropbox",
              "box",
              "docusign",
              "intercom",
              "freshworks",
              "pipedrive",
              "mailchimp",
              "intuit",
              "autodesk",
              "vmware",
              "broadcom",
              "dell",
              "hp",
              "lenovo",
              "qualcomm",
              "arm",
              "asml",
              "infineon",
              "nxp",
              "airbus",
              "boeing",
              "lufthansa",
              "maersk",
              "dhl",
              "fedex",
              "ups",
              "zalando",
              "delivery hero",
              "hellofresh",
              "bolt",
              "glovo",
              "deliveroo",
              "ocado",
              "tesco",
              "ikea",
              "h&m",
              "allianz",
              "axa",
              "ing",
              "bnp paribas",
              "hsbc",
              "barclays",
              "santander",
              "ubs",
              "ntt data",
              "capgemini",
              "infosys",
              "wipro",
              "tcs",
              "cognizant",
              "gartner",
              "forrester",
              "idc",
              "moderna",
              "pfizer",
              "novartis",
              "roche",
              "bayer",
              "sanofi"));

  /** Common given names, several cultures: a run starting with one is a person. */
  static final Set<String> GIVEN_NAMES =
      words(
          "james john robert michael william david richard joseph thomas charles christopher"
              + " daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian"
              + " george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric"
              + " jonathan stephen larry justin scott brandon benjamin samuel gregory alexander"
              + " frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry"
              + " douglas zachary peter kyle noah ethan jeremy walter christian keith roger"
              + " terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan"
              + " billy bruce gabriel joe logan alan juan albert willie elijah wayne randy"
              + " vincent mason roy ralph bobby russell bradley philip eugene mary patricia"
              + " jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty"
              + " sandra margaret ashley kimberly emily donna michelle carol amanda melissa"
              + " deborah stephanie dorothy rebecca sharon laura cynthia amy kathleen angela"
              + " shirley brenda emma anna pamela nicole samantha katherine christine helen"
              + " debra rachel carolyn janet maria catherine heather diane olivia julie joyce"
              + " victoria ruth virginia lauren kelly christina joan evelyn judith andrea hannah"
              + " megan cheryl jacqueline martha madison teresa gloria sara janice ann kathryn"
              + " abigail sophia frances jean alice judy isabella julia grace amber denise"
              + " danielle marilyn beverly charlotte natalie theresa diana brittany doris"
              + " kayla alexis lori marie jane claire chloe zoe lucy ella mia ava leah nora"
              + " priya raj rahul amit anil sunil vikram arjun rohan sanjay deepak neha pooja"
              + " ananya kavya aisha fatima omar ahmed mohammed muhammad ali hassan yusuf layla"
              + " wei li chen ming jun hiroshi yuki kenji takeshi haruka mei lin xin hao yan"
              + " ji-woo min-jun seo-yeon hans klaus jürgen jurgen stefan markus thomas andreas"
              + " michael wolfgang katrin anke sabine ursula lena lea lukas felix jonas leon"
              + " maximilian sophie marie pierre jean-luc jean-pierre françois francois nicolas"
              + " julien antoine camille léa manon élise elise mathieu giulia giuseppe marco"
              + " luca alessandro francesca chiara sofia carlos miguel javier alejandro lucía"
              + " lucia carmen pablo diego isabel ana joão joao pedro tiago beatriz sven lars"
              + " erik nils ingrid astrid freya oskar anders mikael johan karin elin jan piotr"
              + " tomasz katarzyna agnieszka olga ivan dmitri sergei natalia tatiana elena"
              + " nikolai anya yaw kwame ama chidi ngozi tunde amara oluwaseun zanele thabo"
              + " samir nadia karim leila reza darius mehmet emre ayşe ayse elif can burak"
              + " noa yael avi tamar eitan david sam alex chris pat taylor morgan casey jamie"
              + " max ben tom tim nick mike matt dan dave steve rob bob greg ken jim jon jen"
              + " kate liz beth meg becky sue kim dana erin tara tina gina nina vera rosa"
              + " marta eva ines ines lisa jenna brooke paige hailey haley riley avery quinn"
              + " sebastian oliver harry charlie george archie theo finn rory callum fiona"
              + " siobhan aoife niamh ciara declan liam conor eoin cormac");

  /** Words that head a title: "Chief...", "VP...", "Head of...". */
  static final Set<String> TITLE_HEADS =
      words(
          "ceo cfo cto coo cro cmo cio ciso cpo chro cco cdo cso cao vp svp evp avp chief vice"
              + " president head director founder co-founder cofounder chairman chairwoman chair"
              + " manager partner lead senior general managing executive principal engineer"
              + " officer counsel treasurer gm md controller representative");

  /** Words a title continues with after its head. */
  static final Set<String> TITLE_WORDS =
      words(
          "officer president executive operating financial finance technology technical"
              + " revenue marketing sales product products people operations information"
              + " security data customer customers growth strategy strategic engineering legal"
              + " human resources business development partnerships partnership global regional"
              + " enterprise commercial digital communications corporate procurement supply"
              + " chain talent design research medical science scientific innovation"
              + " transformation platform infrastructure cloud ai account accounts channel"
              + " alliances brand content demand generation field inside solutions success"
              + " experience services support risk compliance audit investor relations public"
              + " policy affairs government software systems it analytics machine learning"
              + " board directors managing senior staff principal america americas emea apac"
              + " europe north south latam dach nordics uk us emerging markets mid-market smb"
              + " strategic accounts director manager head lead partner counsel general"
              + " ceo cfo cto coo cro cmo cio ciso cpo vp svp evp founder co-founder revops"
              + " devops it r&d quality manufacturing programs program project creative"
              + " diversity inclusion workplace administrative administration retail network"
              + " payments treasury tax controller accounting analyst architect scientist"
              + " cybersecurity privacy protection engineer representative producer"
              + " country plant relationship nursing deputy assistant associate junior area"
              + " district underwriting operating");

  /** Words that join the parts of a title: "Vice President of Sales and Marketing". */
  static final Set<String> TITLE_JOINERS = words("of for and & ,");

  /** Capitalised words that begin no name: sentence starts, dates, generic nouns. */
  static final Set<String> NOT_NAMES =
      words(
          "the a an this that these those today yesterday tomorrow our we our your you it its"
              + " he she they his her their in on at for from with by and or but as after"
              + " before during when while new join meet learn about register apply why how"
              + " what who where if more read also according last next early late series"
              + " january february march april may june july august september october november"
              + " december monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4"
              + " hiring location remote hybrid responsibilities requirements benefits salary"
              + " role team keynote panel panelists speakers speaker session workshop agenda"
              + " day stage room hall booth track morning afternoon evening lunch breakfast"
              + " fireside chat welcome closing opening remarks moderator moderated sponsored"
              + " sponsors sponsor exhibitors about company job description summary overview"
              + " reports report reporting update breaking exclusive press release news"
              + " inc corp ltd llc please note see"
              + " ceo cfo cto coo cro cmo cio ciso vp svp evp");

  /** Verbs and words after which a capitalised run is an organisation. */
  static final Set<String> ORG_BEFORE =
      words(
          "at joins joined join acquired acquire acquires acquiring acquisition of by with"
              + " from partnered partnering partner partners invested backed sued fined"
              + " rival competitor customers client clients");

  /** Words after which an organisation's name stops and its action begins. */
  static final Set<String> ORG_AFTER =
      words(
          "raised raises raising announced announces acquired acquires acquiring launched"
              + " launches unveiled unveils introduced introduces laid lays cut cuts cutting"
              + " is has have hires hired hiring appointed appoints named names opens opened"
              + " opening expands expanded expanding partners partnered signed signs secured"
              + " secures closed closes reported reports agreed agrees completed completes"
              + " plans plan will said says confirmed confirms disclosed discloses filed"
              + " files suffered suffers was were agreed posted shed sheds merges merged"
              + " released releases rolled rolls debuted debuts");
}

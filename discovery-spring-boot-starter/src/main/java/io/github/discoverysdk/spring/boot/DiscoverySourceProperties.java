package io.github.discoverysdk.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code discovery.sources.*}: signal sources built from properties. The application's own {@code
 * SignalSource} beans are added too. Bound once at start; not thread-safe to change afterwards.
 *
 * <pre>
 * discovery.sources.rss[0].id=rss.techcrunch
 * discovery.sources.rss[0].url=https://techcrunch.com/feed/
 * discovery.sources.greenhouse[0].board=stripe
 * discovery.sources.sec-edgar.enabled=true
 * discovery.sources.sec-edgar.user-agent=Acme CRM ops@acme.example
 * discovery.sources.json[0].id=demo-signals
 * discovery.sources.json[0].resources=signals/news.json,signals/jobs.json
 * </pre>
 */
public class DiscoverySourceProperties {
  /** Offline sources reading signal JSON files from the classpath or a directory. */
  private List<Json> json = new ArrayList<>();

  /** RSS or Atom feeds (news, trade press, company newsrooms). */
  private List<Rss> rss = new ArrayList<>();

  /** Greenhouse job boards. */
  private List<Greenhouse> greenhouse = new ArrayList<>();

  /** SEC EDGAR filings of the profiles' watchlist companies. */
  private final SecEdgar secEdgar = new SecEdgar();

  /** The JSON file sources. */
  public List<Json> getJson() {
    return json;
  }

  /** Sets the JSON file sources. */
  public void setJson(List<Json> json) {
    this.json = new ArrayList<>(json);
  }

  /** The feeds. */
  public List<Rss> getRss() {
    return rss;
  }

  /** Sets the feeds. */
  public void setRss(List<Rss> rss) {
    this.rss = new ArrayList<>(rss);
  }

  /** The job boards. */
  public List<Greenhouse> getGreenhouse() {
    return greenhouse;
  }

  /** Sets the job boards. */
  public void setGreenhouse(List<Greenhouse> greenhouse) {
    this.greenhouse = new ArrayList<>(greenhouse);
  }

  /** The SEC EDGAR source. */
  public SecEdgar getSecEdgar() {
    return secEdgar;
  }

  /** One offline source of signal JSON files ({@code JsonFileSource}). */
  public static class Json {
    /** The source id, part of every signal key. */
    private String id;

    /** Classpath resources, read in order; or else a directory. */
    private List<String> resources = new ArrayList<>();

    /** A directory whose *.json files are read at every fetch. */
    private Path directory;

    /** The source id. */
    public String getId() {
      return id;
    }

    /** Sets the source id. */
    public void setId(String id) {
      this.id = id;
    }

    /** The classpath resources. */
    public List<String> getResources() {
      return resources;
    }

    /** Sets the classpath resources. */
    public void setResources(List<String> resources) {
      this.resources = new ArrayList<>(resources);
    }

    /** The directory, if set. */
    public Path getDirectory() {
      return directory;
    }

    /** Sets the directory. */
    public void setDirectory(Path directory) {
      this.directory = directory;
    }
  }

  /** One feed ({@code RssNews}). */
  public static class Rss {
    /** The source id: rss.{name} for news, newsroom.{company} for a company's own feed. */
    private String id;

    /** The feed's URL; checked against private and loopback addresses before any request. */
    private URI url;

    /** The company whose own newsroom this is; unset for a news feed. */
    private String publisher;

    /** The source id. */
    public String getId() {
      return id;
    }

    /** Sets the source id. */
    public void setId(String id) {
      this.id = id;
    }

    /** The feed URL. */
    public URI getUrl() {
      return url;
    }

    /** Sets the feed URL. */
    public void setUrl(URI url) {
      this.url = url;
    }

    /** The newsroom's company, if any. */
    public String getPublisher() {
      return publisher;
    }

    /** Sets the newsroom's company. */
    public void setPublisher(String publisher) {
      this.publisher = publisher;
    }
  }

  /** One Greenhouse job board ({@code GreenhouseJobs}). */
  public static class Greenhouse {
    /** The board token, as in boards.greenhouse.io/{board}. */
    private String board;

    /** The source id; default greenhouse.{board}. */
    private String id;

    /** The hiring company's name; default the name Greenhouse gives. */
    private String companyName;

    /** The board token. */
    public String getBoard() {
      return board;
    }

    /** Sets the board token. */
    public void setBoard(String board) {
      this.board = board;
    }

    /** The source id, if set. */
    public String getId() {
      return id;
    }

    /** Sets the source id. */
    public void setId(String id) {
      this.id = id;
    }

    /** The company name, if set. */
    public String getCompanyName() {
      return companyName;
    }

    /** Sets the company name. */
    public void setCompanyName(String companyName) {
      this.companyName = companyName;
    }
  }

  /** The SEC EDGAR source ({@code SecEdgar}). */
  public static class SecEdgar {
    /** Whether the source is added. */
    private boolean enabled;

    /** The User-Agent the SEC requires: a name and a contact e-mail address. */
    private String userAgent;

    /** Whether the source is added; default false. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Adds or removes the source. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The declared User-Agent. */
    public String getUserAgent() {
      return userAgent;
    }

    /** Sets the declared User-Agent. */
    public void setUserAgent(String userAgent) {
      this.userAgent = userAgent;
    }
  }
}

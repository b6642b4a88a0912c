package io.github.discoverysdk.samples.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The flows of the pages in headless Chromium: log in, the inbox and its filters, dismissing,
 * reviewing, the profile wizard, a session and its CSV export, and account scoping. One browser
 * (see {@link HeadlessChromium}) and the shared application context serve the whole class; each
 * test logs in itself and works on cards the other tests do not need.
 */
class BrowserFlowsTest extends InboxWebTestBase {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Set<String> ANAS_ACCOUNTS = Set.of("acct-stripe", "acct-adyen");

  private static ChromeDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void startBrowser() throws IOException {
    HeadlessChromium.assumeInstalled();
    browser = HeadlessChromium.start();
    wait = new WebDriverWait(browser, TIMEOUT);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aUserLogsInAndSeesHerInboxGroupedByAccount() {
    login("ana");
    assertThat(browser.findElement(By.id("me")).getText()).startsWith("ana (account_manager)");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "cards"));
    List<WebElement> groups = browser.findElements(By.cssSelector("section.account-group"));
    assertThat(groups).isNotEmpty();
    assertThat(groups.get(0).findElements(By.cssSelector(".card .b-score"))).isNotEmpty();
    assertThat(groups.get(0).findElements(By.cssSelector(".card .why")).get(0).getText())
        .startsWith("Why now:");
  }

  @Test
  void filteringByUrgencyAsksTheServerAndShowsItsPageOfThatUrgency() {
    login("admin");
    List<String> urgencies =
        browser.findElements(By.cssSelector(".card[data-urgency]")).stream()
            .map(c -> c.getDomAttribute("data-urgency"))
            .filter(u -> !u.isEmpty())
            .toList();
    assertThat(urgencies).as("cards with an urgency").isNotEmpty();
    String urgency = urgencies.get(0);
    // The page shows what the server filtered (dismissed cards stay hidden by default).
    List<String> expected = new ArrayList<>();
    api.get("admin", "/api/v1/inbox?limit=20&urgency=" + urgency)
        .expect(200)
        .json()
        .path("items")
        .forEach(
            c -> {
              if (!c.path("item").path("status").asText().equals("DISMISSED")) {
                expected.add(c.path("item").path("opportunityId").asText());
              }
            });
    assertThat(expected).isNotEmpty();
    new Select(browser.findElement(By.id("urgency"))).selectByVisibleText(urgency);
    wait.until(
        d ->
            d.findElements(By.cssSelector(".card[data-urgency='" + urgency + "']")).size()
                    == expected.size()
                && d.findElements(By.cssSelector(".card")).size() == expected.size());
    assertThat(browser.findElements(By.cssSelector(".card")))
        .extracting(c -> c.getDomAttribute("data-id"))
        .containsExactlyInAnyOrderElementsOf(expected);
    new Select(browser.findElement(By.id("urgency"))).selectByVisibleText("any");
    wait.until(d -> d.findElements(By.cssSelector(".card")).size() == urgencies.size());
  }

  @Test
  void dismissingWithAReasonTakesTheCardOutOfTheNewView() {
    login("admin");
    // a card not under review: those keep their review status and offer reject instead
    WebElement card =
        browser.findElement(By.xpath("//div[@data-status='NEW'][.//button[@class='dismiss']]"));
    String id = card.getDomAttribute("data-id");
    new Select(card.findElement(By.cssSelector("select.reason"))).selectByVisibleText("TOO_LATE");
    card.findElement(By.cssSelector("button.dismiss")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(cardById(id), 0));
    assertThat(api.get("admin", "/api/v1/opportunities/" + id + "/feedback").expect(200).body())
        .contains("TOO_LATE");
    // the inbox, loaded afresh from the server, does not show it, nor does the NEW feed
    browser.navigate().refresh();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".card")));
    assertThat(browser.findElements(cardById(id))).isEmpty();
    assertThat(
            api.get("admin", "/api/v1/feed?status=NEW&limit=500")
                .expect(200)
                .json()
                .path("items")
                .findValuesAsText("id"))
        .isNotEmpty()
        .doesNotContain(id);
  }

  @Test
  void aManagerRefinesAndApprovesACardAndTheHistoryShowsIt() {
    login("mia");
    new Select(browser.findElement(By.name("state"))).selectByVisibleText("PENDING_REVIEW");
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    wait.until(
        d ->
            !d.findElements(By.cssSelector(".card")).isEmpty()
                && d.findElements(By.cssSelector(".card:not([data-review='PENDING_REVIEW'])"))
                    .isEmpty());
    String id =
        browser
            .findElement(By.cssSelector(".card[data-review='PENDING_REVIEW']"))
            .getDomAttribute("data-id");
    browser.findElement(cardById(id)).findElement(By.cssSelector("button.refine")).click();
    wait.until(ExpectedConditions.alertIsPresent()).sendKeys("Intro through the browser");
    browser.switchTo().alert().accept();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            cardById(id), "Narrative: Intro through the browser"));
    browser.findElement(cardById(id)).findElement(By.cssSelector("button.approve")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(".card[data-id='" + id + "'][data-review='APPROVED']")));
    browser.findElement(cardById(id)).findElement(By.cssSelector("button.show-history")).click();
    By history = By.cssSelector(".card[data-id='" + id + "'] .history li");
    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(history, 1));
    String lines =
        browser.findElement(cardById(id)).findElement(By.cssSelector(".history")).getText();
    assertThat(lines)
        .containsIgnoringCase("approve")
        .contains("by mia")
        .contains("Intro through the browser");
  }

  @Test
  void aProfileCreatedThroughTheWizardShowsItsWarmStartedFeed() {
    login("ben");
    browser.get(url("/wizard.html"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("me")));
    type("id", "browser-payments");
    type("name", "Payments watch from the browser");
    next(2);
    type("industries", "fintech");
    type("regions", "EMEA");
    next(3);
    type("targetTitles", "VP Sales");
    next(4);
    type("watchlist", "Stripe, stripe.com");
    next(5);
    type("keywords", "payments");
    next(6);
    assertThat(browser.findElement(By.id("summary")).getText()).contains("browser-payments");
    browser.findElement(By.id("create")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    assertThat(browser.findElement(By.id("run")).getText()).startsWith("Warm-started");
    assertThat(browser.findElements(By.cssSelector("#feed .feed-item"))).isNotEmpty();
    assertThat(
            api.get("ben", "/api/v1/profiles/browser-payments")
                .expect(200)
                .json()
                .path("owner")
                .asText())
        .isEqualTo("ben");
  }

  @Test
  void aSessionQuestionIsAnsweredAndTheCsvExportHasTheAnswer()
      throws IOException, InterruptedException {
    login("ana");
    browser.get(url("/sessions.html"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#vertical option")));
    new Select(browser.findElement(By.id("account"))).selectByValue("acct-adyen");
    new Select(browser.findElement(By.id("vertical"))).selectByValue("security");
    browser.findElement(By.id("start")).click();
    // the identity vendors in use, a vendor question of the security vertical
    By answerable = By.cssSelector(".question[data-question='security.identity']");
    WebElement question = wait.until(ExpectedConditions.presenceOfElementLocated(answerable));
    String questionId = question.getDomAttribute("data-question");
    question.findElement(By.cssSelector("input[name=vendors]")).sendKeys("Okta");
    question.findElement(By.cssSelector("button.save-answer")).click();
    new WebDriverWait(browser, TIMEOUT)
        .withMessage(() -> "page error: " + browser.findElement(By.id("error")).getText())
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".question[data-question='" + questionId + "'] .saved"),
                "saved by ana"));
    String href = browser.findElement(By.id("csv")).getDomProperty("href");
    assertThat(href).contains("format=CSV");
    // the link, with the browser's login cookie, downloads the CSV with the answer
    Cookie token = browser.manage().getCookieNamed(BearerAuthFilter.COOKIE);
    HttpResponse<String> csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", token.getName() + "=" + token.getValue())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    assertThat(csv.body()).contains(questionId).contains("Okta");
  }

  @Test
  void anAccountManagerNeverSeesAnotherAccountsCard() throws IOException {
    login("ana");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "cards"));
    assertThat(
            browser.findElements(By.cssSelector("section.account-group")).stream()
                .map(g -> g.getDomAttribute("data-account"))
                .filter(a -> !a.startsWith("(")))
        .isNotEmpty()
        .allMatch(ANAS_ACCOUNTS::contains);
    assertThat(
            new Select(browser.findElement(By.id("account")))
                .getOptions().stream()
                    .map(o -> o.getDomAttribute("value"))
                    .filter(v -> !v.isEmpty()))
        .containsExactlyInAnyOrderElementsOf(ANAS_ACCOUNTS);
    // ages are judged on the server's (fixed) clock: the fresh demo cards are not all stale
    int cards = browser.findElements(By.cssSelector(".card")).size();
    assertThat(browser.findElements(By.cssSelector(".card .b-stale")).size()).isLessThan(cards);
    saveScreenshot("inbox-web-inbox.png");
    // Ben's account, asked for by its address, is refused
    browser.get(url("/account.html?id=acct-snowflake"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText()).contains("403");
    assertThat(browser.findElements(By.cssSelector("#open .card"))).isEmpty();
    // her own account page has its chart
    browser.get(url("/account.html?id=acct-stripe"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#signals-chart rect.bar")));
    assertThat(browser.findElement(By.id("name")).getText()).isEqualTo("Stripe");
    saveScreenshot("inbox-web-account.png");
  }

  @Test
  void theEnrichmentPageShowsTheDealsTheIcpAndABatchsValidationError() throws IOException {
    login("admin");
    browser.get(url("/enrichment.html"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "closed deals"));
    assertThat(browser.findElement(By.id("stats")).getText()).startsWith("35 closed deals since");
    assertThat(browser.findElement(By.id("no-key")).isDisplayed()).as("key missing").isTrue();
    assertThat(browser.findElement(By.cssSelector("#config td[data-key=apolloKey]")).getText())
        .isEqualTo("no");
    assertThat(browser.findElement(By.cssSelector("#config td[data-key=enricher]")).getText())
        .isEqualTo("none (key missing)");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#traits tr.trait")));
    assertThat(browser.findElement(By.id("traits")).getText()).contains("VP Finance");
    assertThat(browser.findElements(By.cssSelector("#deals tr.deal"))).hasSize(35);
    assertThat(browser.findElements(By.cssSelector(".proposal button.apply"))).isNotEmpty();
    saveTallScreenshot("inbox-web-enrichment.png", 2000);
    // a batch over the SDK's limit: the page shows the 400 naming the limit
    WebElement limit = browser.findElement(By.cssSelector("#batch-form input[name=limit]"));
    limit.clear();
    limit.sendKeys("500");
    browser.findElement(By.id("run-batch")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-error")));
    assertThat(browser.findElement(By.id("batch-error")).getText())
        .contains("limit")
        .contains("(400)");
    assertThat(browser.findElement(By.id("batch-result")).isDisplayed()).isFalse();
    // a viewer sees the refusal, not the data
    login("vic");
    browser.get(url("/enrichment.html"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText()).contains("403");
  }

  private void login(String user) {
    browser.manage().deleteAllCookies();
    browser.get(url("/index.html"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("login-" + user))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), user + " ("));
    wait.until(d -> !d.findElements(By.cssSelector("#groups .card, #groups #empty")).isEmpty());
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static By cardById(String id) {
    return By.cssSelector(".card[data-id='" + id + "']");
  }

  private static void type(String name, String text) {
    WebElement input = browser.findElement(By.name(name));
    input.clear();
    input.sendKeys(text);
  }

  private static void next(int step) {
    browser.findElement(By.id("next")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("step-label"), "step " + step + " of 6"));
  }

  /** {@link #saveScreenshot} of the page up to {@code maxHeight} pixels tall. */
  private static void saveTallScreenshot(String name, int maxHeight) throws IOException {
    Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
    browser
        .manage()
        .window()
        .setSize(new Dimension(1280, Math.min(maxHeight, Math.max(1000, height.intValue()))));
    try {
      saveScreenshot(name);
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  /** Saves a screenshot under target/screenshots, never over the committed ones in docs/. */
  private static void saveScreenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}

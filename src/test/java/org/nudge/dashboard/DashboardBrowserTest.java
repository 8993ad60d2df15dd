package org.nudge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.digest.Digest;
import org.nudge.engine.digest.DigestBuilder;
import org.nudge.engine.digest.PairHealth.Band;
import org.nudge.engine.domain.Program;
import org.nudge.http.HealthCheck;
import org.nudge.http.HttpHost;
import org.nudge.http.Metrics;
import org.nudge.testing.Chat;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by Selenium through
 * chromedriver, against the HTTP host on loopback serving a program seeded through the engine.
 */
@DisplayName("The dashboard, opened in headless Chromium")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Pattern MARKER = Pattern.compile("PRIV-[A-Z]+-\\d+");

  static Chat chat;
  static HttpHost host;
  static ChromeDriver browser;
  static Path profile;
  static String link;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    chat = new Chat();
    seed();
    host =
        HttpHost.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            HealthCheck.sql(chat.database().dataSource()),
            new Metrics());
    DashboardRoute.mount(
        host, chat.store(), chat.clock, EngineSettings.defaults(Set.of(Chat.user("lead"))));
    link = linkFromDm().replace("http://localhost:8080", "http://127.0.0.1:" + host.port());

    profile = Files.createTempDirectory("nudge-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The machine's network is closed: without these Chromium waits on lookups and updates.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  /**
   * A program of five pairs seeded through the engine over two weeks, with private words marked as
   * the privacy matrix marks them: none of them may reach the page.
   */
  static void seed() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge program create Autumn #autumn");
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.say("lead", "/nudge pair @tom @bea Spring");
    chat.say("lead", "/nudge pair @ines @carl Spring");
    chat.say("lead", "/nudge pair @olga @dan Spring");
    chat.say("lead", "/nudge pair @zoe @eve Spring");
    // A name is the one thing members type that leads see here: it must print as text.
    chat.say("zoe", "/nudge prefs name <b>Zoe</b>");
    chat.say("lead", "/nudge pair @sam @kim Autumn");
    for (int week = 0; week < 2; week++) {
      chat.say("alice", "/win PRIV-WIN-" + week + " shipped a step");
      chat.say("alice", "/checkin PRIV-NOTE-" + week + " went through the plan");
      chat.say("bea", "/advice PRIV-ADV-" + week + " try pairing");
      chat.say("carl", "/goals add PRIV-GOAL-" + week + " learn the build");
      chat.say("dan", "/thanks @olga PRIV-THANKS-" + week + " for the review");
      chat.advance(Duration.ofDays(4).plusHours(8), Duration.ofHours(1));
      chat.say("alice", "PRIV-REFL-" + week + " I learned to split the work");
      chat.say("alice", "PRIV-NEXT-" + week + " pair on the next one");
      chat.say("alice", "private");
      chat.advance(Duration.ofDays(2).plusHours(16), Duration.ofHours(1));
    }
    chat.advance(Duration.ofHours(30), Duration.ofHours(1));
  }

  static String linkFromDm() {
    assertThat(chat.say("lead", "/nudge dashboard Spring"))
        .isEqualTo("I've sent you a link to Spring's dashboard in a DM.");
    String dm = chat.dmsTo("lead").get(chat.dmsTo("lead").size() - 1);
    Matcher m = Pattern.compile("http://\\S+").matcher(dm);
    assertThat(m.find()).as("a link in %s", dm).isTrue();
    return m.group();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (host != null) {
      host.close();
    }
    if (chat != null) {
      chat.close();
    }
  }

  private static Digest digestNow() {
    return chat.store()
        .inTransaction(
            tx -> {
              Program spring = tx.programs().byName("test", "acme", "Spring").orElseThrow();
              return new DigestBuilder(3).onDemand(tx, spring, chat.clock.instant());
            });
  }

  private static String figure(String id) {
    return browser.findElement(By.cssSelector("[data-figure='" + id + "']")).getText();
  }

  private static List<WebElement> visibleRows() {
    return browser.findElements(By.cssSelector("#pairs tbody tr")).stream()
        .filter(WebElement::isDisplayed)
        .toList();
  }

  @Test
  @Order(1)
  @DisplayName("shows the digest's figures, and its last week's wins as the trend's last point")
  void figuresEqualTheDigests() throws Exception {
    browser.get(link);

    Digest d = digestNow();
    assertThat(browser.getTitle()).isEqualTo("Spring: dashboard");
    assertThat(figure("active-pairs")).isEqualTo(Integer.toString(d.activePairs()));
    assertThat(figure("response-rate"))
        .isEqualTo(Digest.rate(d.promptsResponded(), d.promptsSent()) + "%");
    assertThat(figure("check-ins")).isEqualTo(Digest.rate(d.dueMet(), d.pairsDue()) + "%");
    assertThat(figure("wins")).isEqualTo(Integer.toString(d.wins()));
    assertThat(figure("thanks")).isEqualTo(Integer.toString(d.thanks()));
    assertThat(figure("needs-a-word")).isEqualTo(Long.toString(d.count(Band.NEEDS_A_WORD)));
    assertThat(d.activePairs()).isEqualTo(5);
    // The digest a lead previews says the same.
    assertThat(chat.say("lead", "/nudge digest preview Spring"))
        .contains("• 5 active pairs")
        .contains("• Wins: " + d.wins() + " logged");
    List<WebElement> winDots =
        browser.findElements(By.cssSelector("figure[data-series='Wins logged'] circle"));
    assertThat(winDots).hasSize(12);
    assertThat(winDots.get(11).getAttribute("data-value")).isEqualTo(Integer.toString(d.wins()));
    assertThat(browser.findElements(By.cssSelector("figure.spark svg"))).hasSize(4);
    // The page's script ran under the CSP's nonce: it counted the rows.
    assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("5 shown");

    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(2)
  @DisplayName(
      "the pair table sorts by a column both ways, and filters to the pairs that need a word")
  void sortsAndFilters() {
    browser.get(link);
    browser.findElement(By.cssSelector("th[data-key='score'] button")).click();
    List<Integer> up = scores();
    assertThat(up).isSorted();
    browser.findElement(By.cssSelector("th[data-key='score'] button")).click();
    List<Integer> down = scores();
    assertThat(down).isSortedAccordingTo((a, b) -> b - a).containsExactlyInAnyOrderElementsOf(up);
    browser.findElement(By.cssSelector("th[data-key='names'] button")).click();
    assertThat(visibleRows().stream().map(r -> r.getAttribute("data-names")))
        .containsExactly(
            "<b>Zoe</b> & eve", "ines & carl", "maria & alice", "olga & dan", "tom & bea");

    browser.findElement(By.id("needs-a-word")).click();

    long needing = digestNow().count(Band.NEEDS_A_WORD);
    assertThat(needing).isBetween(1L, 4L);
    assertThat(visibleRows())
        .hasSize((int) needing)
        .allSatisfy(r -> assertThat(r.getAttribute("data-band")).isEqualTo("0"));
    browser.findElement(By.id("find")).sendKeys("zoe");
    assertThat(visibleRows()).allSatisfy(r -> assertThat(r.getText()).contains("zoe"));
  }

  private static List<Integer> scores() {
    return visibleRows().stream().map(r -> Integer.parseInt(r.getAttribute("data-score"))).toList();
  }

  @Test
  @Order(3)
  @DisplayName("on a phone-sized screen nothing scrolls sideways")
  void phone() throws Exception {
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      browser.get(link);
      Object overflow =
          ((JavascriptExecutor) browser)
              .executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
      Files.copy(
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          Path.of("target", "dashboard-phone.png"),
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  @Test
  @Order(4)
  @DisplayName("no private word reaches the page; what a lead may see escapes its markup")
  void nothingPrivate() {
    browser.get(link);
    String page = browser.getPageSource();

    assertThat(MARKER.matcher(page).results().map(java.util.regex.MatchResult::group).toList())
        .isEmpty();
    assertThat(page).doesNotContain("<b>Zoe</b>").contains("&lt;b&gt;Zoe&lt;/b&gt;");
    assertThat(browser.findElements(By.tagName("b"))).isEmpty();
  }

  @Test
  @Order(5)
  @DisplayName(
      "answers carry a strict CSP and no-store; a tampered or foreign link gets a plain 403")
  void refusals() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ok = get(http, link);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(ok.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'; style-src 'nonce-")
        .doesNotContain("unsafe-inline");

    int dot = link.lastIndexOf('.');
    char c = link.charAt(dot + 3);
    String tampered = link.substring(0, dot + 3) + (c == 'A' ? 'B' : 'A') + link.substring(dot + 4);
    long autumn =
        chat.store()
            .inTransaction(tx -> tx.programs().byName("test", "acme", "Autumn").orElseThrow().id());
    String foreign = link.replaceFirst("p=\\d+", "p=" + autumn);
    for (String bad : List.of(tampered, foreign, link.replaceFirst("&t=.*", ""))) {
      HttpResponse<String> refused = get(http, bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(403);
      assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(refused.body()).contains("This dashboard link isn't valid");
    }
    browser.get(tampered);
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("This dashboard link isn't valid");
  }

  @Test
  @Order(6)
  @DisplayName("fifteen minutes later the link shows the 403 page")
  void expires() throws Exception {
    chat.clock.set(chat.clock.instant().plus(Duration.ofMinutes(15)));

    browser.get(link);

    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("This dashboard link isn't valid");
    assertThat(get(HttpClient.newHttpClient(), link).statusCode()).isEqualTo(403);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

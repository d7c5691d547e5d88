package org.homefirst.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.homefirst.StackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the tests that drive the real UI in headless Chromium (Debian's chromium and
 * chromedriver, installed by .ci/run) against the whole stack. Every one of them fails if the
 * browser refused anything under our Content Security Policy (SecurityHeaders): the policy must
 * never break a page.
 */
public abstract class BrowserTest extends StackTest {

  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final int WIDTH = 1600;
  static final int HEIGHT = 1000;
  /** How long a wait for the page lasts: generous, since on a busy machine a round trip can take seconds. */
  static final Duration PATIENCE = Duration.ofSeconds(45);

  protected WebDriver browser;
  protected WebDriverWait wait;
  private final List<String> policyRefusals = new ArrayList<>();

  @BeforeEach
  void openBrowser() throws Exception {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      // CI installs both; a developer without them still gets every other test.
      Assumptions.abort("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=" + WIDTH + "," + HEIGHT,
        "--user-data-dir=" + Files.createTempDirectory("homefirst-chromium-"));
    // The console, where Chromium reports what the Content Security Policy refused.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    // Wide enough that the app layout keeps its drawer beside the page, not over it.
    browser.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    wait = new WebDriverWait(browser, PATIENCE);
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) {
    if (browser != null) {
      try {
        screenshot("last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
      } catch (RuntimeException e) {
        // a screenshot is only for looking at a failure
      }
      List<String> refused = policyRefusals();
      browser.quit();
      org.assertj.core.api.Assertions.assertThat(refused)
          .as("what the browser refused under the Content Security Policy").isEmpty();
    }
  }

  /** What the browser has refused so far under the Content Security Policy (its console's words). */
  protected List<String> policyRefusals() {
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
      if (entry.getMessage().contains("Content Security Policy")) {
        policyRefusals.add(entry.getMessage());
      }
    }
    return List.copyOf(policyRefusals);
  }

  /** Forgets the refusals so far (for a test that provokes one on purpose). */
  protected void clearPolicyRefusals() {
    policyRefusals();
    policyRefusals.clear();
  }

  protected String url(String path) {
    return "http://localhost:" + port + path;
  }

  protected void signIn(String user) {
    browser.get(url("/login"));
    WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name=username]")));
    name.sendKeys(user);
    browser.findElement(By.cssSelector("input[name=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("input[name=password]")).sendKeys(org.openqa.selenium.Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-app-layout")));
    closeDrawerIfOverlay();
  }

  /** On a narrow window the app layout's drawer opens over the page: close it, it hides what we click. */
  protected void closeDrawerIfOverlay() {
    ((JavascriptExecutor) browser).executeScript("""
        const layout = document.querySelector('vaadin-app-layout');
        if (layout && layout.hasAttribute('overlay')) { layout.drawerOpened = false; }""");
  }

  /**
   * Clicks the element once it can take the click: present, shown, enabled, scrolled to the middle
   * of the window and not covered by anything else (the app layout's drawer toggle or header, an
   * overlay, a notification). Whatever covers it is moved out of the way (the drawer closed, the
   * page scrolled) and it is asked again, until the wait's time is up; an element the page redrew
   * meanwhile (a live page refreshes while other journeys go on) is found again.
   */
  protected void click(String xpath) {
    click(By.xpath(xpath));
  }

  /** As {@link #click(String)}, for any locator. */
  protected void click(By locator) {
    new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
        .ignoring(ElementNotInteractableException.class) // includes ElementClickInterceptedException
        .ignoring(NoSuchElementException.class)
        .withMessage(() -> "clickable and not covered: " + locator + " (covered by " + coverOf(locator) + ")")
        .until(d -> {
          WebElement e = d.findElement(locator);
          if (!e.isDisplayed() || !e.isEnabled()) {
            return false;
          }
          String cover = uncover(e);
          if (cover != null) {
            return false;
          }
          e.click();
          return true;
        });
  }

  /**
   * Scrolls the element to the middle of the window and returns what covers its centre (a short
   * description), or null when the element itself would take a click there. The drawer, if it is
   * over the page, is closed.
   */
  private String uncover(WebElement e) {
    closeDrawerIfOverlay();
    return (String) ((JavascriptExecutor) browser).executeScript("""
        const el = arguments[0];
        el.scrollIntoView({block: 'center', inline: 'center'});
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) { return 'nothing: not laid out yet'; }
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        let hit = document.elementFromPoint(x, y);
        if (hit === null) { return 'nothing: outside the window'; }
        // Inside a web component's shadow root, look deeper; any part of the element is fine.
        while (hit.shadowRoot && hit !== el) {
          const inner = hit.shadowRoot.elementFromPoint(x, y);
          if (inner === null || inner === hit) { break; }
          hit = inner;
        }
        for (let n = hit; n; n = n.parentNode || n.host) {
          if (n === el) { return null; }
        }
        if (el.contains(hit) || (hit.contains && hit.contains(el))) { return null; }
        return hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '')
            + (hit.getAttribute && hit.getAttribute('slot') ? '[slot=' + hit.getAttribute('slot') + ']' : '');""", e);
  }

  /** What covers the element now, for a failure's message. */
  private String coverOf(By locator) {
    try {
      return uncover(browser.findElement(locator));
    } catch (RuntimeException gone) {
      return "no such element now";
    }
  }

  /** Saves what the browser shows, for README and for looking at a failure. */
  protected void screenshot(String name) {
    try {
      Path dir = Path.of("target/screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

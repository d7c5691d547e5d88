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
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
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
        "--disable-dev-shm-usage", "--window-size=1400,900",
        "--user-data-dir=" + Files.createTempDirectory("homefirst-chromium-"));
    // The console, where Chromium reports what the Content Security Policy refused.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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
  }

  /**
   * Clicks the element, scrolled to the middle of the window (clear of the app layout's drawer
   * toggle and header), finding it again if the page moved or redrew it in the meantime (a live
   * page refreshes while other journeys go on in the background).
   */
  protected void click(String xpath) {
    for (int attempt = 1; ; attempt++) {
      try {
        WebElement e = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(xpath)));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        wait.until(ExpectedConditions.elementToBeClickable(e)).click();
        return;
      } catch (ElementNotInteractableException | StaleElementReferenceException moved) {
        // covered by another element, or not laid out yet (zero size) while a grid re-renders
        if (attempt == 5) {
          throw moved;
        }
      }
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

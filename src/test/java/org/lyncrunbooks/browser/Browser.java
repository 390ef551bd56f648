package org.lyncrunbooks.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.lyncrunbooks.testsupport.Prerequisites;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven by Selenium with the driver set explicitly (a plain
 * {@code new ChromeDriver()} would start Selenium Manager, which tries the network). Every page a test visits can be
 * saved as a screenshot in {@code target/screenshots/}. Public for the few tests outside this package that end a journey
 * in a webapp (a failover read on the Cockpit timeline).
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final AtomicInteger SHOT = new AtomicInteger();

    public final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A fresh browser (no cookies, no cache) for one user; skips or fails the test when Chromium is missing. */
    public static Browser open(String base) {
        Prerequisites.require(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Chromium and ChromeDriver are not installed (Debian packages chromium and chromium-driver)");
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--window-size=1400,1600", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in to one of the webapps (tasklist, cockpit, admin) as {@code user} with the lab password. */
    public Browser login(String app, String user) {
        driver.get(base + "/camunda/app/" + app + "/default/");
        WebElement name = waitFor(By.cssSelector("input[placeholder='Username']"));
        name.sendKeys(user);
        driver.findElement(By.cssSelector("input[placeholder='Password']")).sendKeys("lab");
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        waitFor(By.xpath("//*[contains(@class,'navbar') or contains(@class,'cam-brand')]"));
        return this;
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(90)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement waitForText(String text) {
        return waitFor(byText(text));
    }

    /** The innermost element whose whole text is {@code text} (icons and nested spans allowed). */
    static By byText(String text) {
        String t = literal(text);
        return By.xpath("//*[normalize-space(.)=" + t + " and not(.//*[normalize-space(.)=" + t + "])]");
    }

    /** Clicks like a person: scrolled to the middle of the window first (the webapps' footer covers the bottom). */
    public void click(By by) {
        WebElement element = new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(by));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException coveredByTheFooter) {
            // the element sits under the webapps' fixed footer at the end of a scrolled panel: click it directly
            ((JavascriptExecutor) driver).executeScript("arguments[0].click()", element);
        }
    }

    void clickText(String text) {
        click(byText(text));
    }

    void button(String label) {
        click(By.xpath("//button[normalize-space()=" + literal(label) + "]"));
    }

    /** The Camunda Form field whose key is {@code key} (form-js ids end with the field id). */
    WebElement field(String key) {
        return waitFor(By.cssSelector("[id$='Field_" + key + "']"));
    }

    /** Opens a task from the Tasklist list by name, refreshing until it shows up, and claims it. */
    void openTask(String name) {
        By item = byText(name);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            List<WebElement> items = driver.findElements(item);
            if (!items.isEmpty() && items.get(0).isDisplayed()) {
                items.get(0).click();
                return true;
            }
            driver.navigate().refresh();
            waitFor(By.xpath("//*[contains(text(),\"My groups' tasks\")]"));
            return false;
        });
        waitFor(By.xpath("//h2[normalize-space()=" + literal(name) + "] | //*[contains(@class,'task-details')]"));
        // The task's header renders after its title: wait until it shows the current user as the assignee (the
        // "unclaim" button), clicking Claim whenever it is offered — a slow page must not skip the claim.
        By claim = By.xpath("//button[normalize-space()='Claim'] | //a[normalize-space()='Claim']");
        By claimed = By.cssSelector("button.unclaim");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            List<WebElement> unclaim = driver.findElements(claimed);
            if (!unclaim.isEmpty() && unclaim.get(0).isDisplayed()) {
                return true;
            }
            List<WebElement> offered = driver.findElements(claim);
            if (!offered.isEmpty() && offered.get(0).isDisplayed()) {
                click(claim);
            }
            return false;
        });
        waitFor(By.xpath("//button[normalize-space()='Complete']"));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves the page as {@code target/screenshots/NN-name.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOT.incrementAndGet(), name));
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @Override
    public void close() {
        driver.quit();
    }
}

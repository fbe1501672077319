package dirt.web.browser;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through {@code /usr/bin/chromedriver}, with a fresh profile. Get one from
 * {@link BrowserExtension}; it is shared by the tests of a class and closed after them. Every wait is bounded by
 * {@link #MAX_WAIT}; nothing is downloaded (no Selenium Manager).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The longest any wait of this class lasts. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(10);
    static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,900");
    /**
     * Selenium warns at every start that it has no DevTools (CDP) classes for Debian's Chromium version; the fixture
     * does not use CDP. Held here so that the logger, and its level, are not garbage collected.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final Duration startup;

    private Browser(ChromeDriver driver, Path profile, Path screenshots, Duration startup) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
        this.startup = startup;
    }

    /** Starts Chromium with a fresh {@code --user-data-dir}; screenshots go to {@code screenshots}. */
    static Browser start(Path screenshots) {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        long started = System.nanoTime();
        Path profile;
        try {
            profile = Files.createTempDirectory("dirt-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile folder", e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(FLAGS)
                .addArguments("--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(MAX_WAIT).scriptTimeout(MAX_WAIT);
        return new Browser(driver, profile, screenshots, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Loads {@code url} and waits (at most {@link #MAX_WAIT}) until the page's load event has fired. */
    public Browser open(String url) {
        driver.get(requireNonNull(url, "url is null"));
        return this;
    }

    /** The Selenium driver, for anything this class does not wrap. */
    public WebDriver driver() {
        return driver;
    }

    public String title() {
        return driver.getTitle();
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** Waits (at most {@link #MAX_WAIT}) until {@code condition} holds and returns its value. */
    public <T> T waitUntil(ExpectedCondition<T> condition) {
        return waitUntil(MAX_WAIT, condition);
    }

    /** Waits at most {@code timeout} (capped at {@link #MAX_WAIT}) until {@code condition} holds. */
    public <T> T waitUntil(Duration timeout, ExpectedCondition<T> condition) {
        Duration bounded = timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : timeout;
        // A page that reloads (signing in does) replaces the elements a condition found: look again.
        return new WebDriverWait(driver, bounded, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The element {@code by} finds, once it is visible. */
    public WebElement visible(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element {@code by} finds shows {@code text} (a substring), then returns the element. */
    public WebElement waitForText(By by, String text) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /**
     * The {@code attribute} of every element {@code css} selects, read in one script so that a table the page
     * re-renders meanwhile is read whole (no stale element half way).
     */
    @SuppressWarnings("unchecked")
    public List<String> attributes(String css, String attribute) {
        return (List<String>) driver.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.getAttribute(arguments[1]));",
                css, attribute);
    }

    /** Waits until the elements {@code css} selects have exactly {@code expected} as {@code attribute}, in order. */
    public List<String> waitForAttributes(String css, String attribute, List<String> expected) {
        try {
            waitUntil(d -> expected.equals(attributes(css, attribute)));
        } catch (TimeoutException e) {
            throw new AssertionError("after " + MAX_WAIT.toSeconds() + " s, " + css + " has " + attribute + " "
                    + attributes(css, attribute) + ", not " + expected, e);
        }
        return expected;
    }

    /** Clicks the element {@code by} finds once it is clickable. */
    public void click(By by) {
        waitUntil(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Runs {@code script} in the page (with {@code args} as {@code arguments}) and returns its result. */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * The messages the pages wrote to the browser's console since the last call, e.g. a script error or a
     * Content-Security-Policy violation.
     */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Writes the viewport as {@code <screenshots>/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        Path target = screenshots.resolve(fileName(name) + ".png");
        try {
            Files.createDirectories(screenshots);
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot: file=\"" + target + "\"", e);
        }
        return target;
    }

    /** How long starting Chromium and its driver took. */
    public Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.length() > 150 ? safe.substring(0, 150) : safe;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a profile left in the temp folder harms nothing
        }
    }

    @Override
    public String toString() {
        return "Browser[chromium, profile=" + profile + "]";
    }
}

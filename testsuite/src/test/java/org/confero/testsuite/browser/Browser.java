package org.confero.testsuite.browser;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium with the web client open: Debian's browser and driver at their Debian paths (never a download),
 * Chromium's fake camera (a moving test pattern) and microphone (a beep), media permission granted without a prompt,
 * the test server's self-signed certificate accepted. Runs as root in CI, hence {@code --no-sandbox}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final String DRIVER = "/usr/bin/chromedriver";
    private static final List<String> BINARIES = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium");

    private final String name;
    private final ChromeDriver driver;

    Browser(String name) {
        this.name = name;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARIES.stream().filter(p -> new File(p).canExecute()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Debian's chromium is not installed (apt-get install "
                        + "chromium chromium-driver; scripts/prerequisites.sh test does)")));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--ignore-certificate-errors", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--no-first-run", "--disable-extensions", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Fills the join form (the meeting number comes from the URL) and presses Join. */
    void join(String displayName) {
        driver.findElement(By.id("name")).clear();
        driver.findElement(By.id("name")).sendKeys(displayName);
        driver.findElement(By.id("join-button")).click();
    }

    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    void type(String id, String text) {
        driver.findElement(By.id(id)).sendKeys(text);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The web client's counters, {@code window.conferoClient.stats()} (README, "Web client"). */
    JsonObject stats() {
        Object json = driver.executeScript("return JSON.stringify(window.conferoClient.stats())");
        try (var reader = Json.createReader(new StringReader(String.valueOf(json)))) {
            return reader.readObject();
        }
    }

    Object script(String script) {
        return driver.executeScript(script);
    }

    /** A PNG of the page under target/browser-screenshots (kept by CI as an artifact). */
    Path screenshot(String file) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(file);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** The browser's console so far, for failure messages. */
    String console() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(e -> name + " console " + e.getLevel() + ": " + e.getMessage())
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return name + ": console not available (" + e + ")";
        }
    }

    Map<String, Object> capabilities() {
        return driver.getCapabilities().asMap();
    }

    @Override
    public void close() {
        driver.quit();
    }
}

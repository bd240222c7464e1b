package org.artsim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.artsim.collection.ArtCollection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The app in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver (never a driver or browser Selenium Manager would download). Loads the app, searches
 * with a typo, likes two works, checks that the "for you" panel changes, opens a work and the map,
 * clears the likes, and saves screenshots in {@code target/screenshots}. Skipped with the install
 * command when Chromium is missing, except under {@code CI=true}, where that fails.
 */
class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final String INSTALL = "apt-get install -y chromium chromium-driver";

  @Test
  void searchWithATypoLikeTwoWorksAndTheRecommendationsChange(@TempDir Path dir) throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the real-browser test needs Chromium and chromedriver under CI; install them with: " + INSTALL);
      }
      Assumptions.abort("Chromium or chromedriver is not installed; install them with: " + INSTALL);
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    try (ArtCollection art = TestCollections.generated(dir.resolve("c"), 60);
        ArtServer server = ArtServer.start(art, ServerConfig.defaults().withPort(0))) {
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
      var options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,800", "--user-data-dir=" + dir.resolve("profile"));
      WebDriver driver = new ChromeDriver(service, options);
      try {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(server.uri().toString());
        assertThat(driver.getTitle()).isEqualTo("Browse · artsim");
        assertThat(driver.findElement(By.id("reason")).getText()).as("no likes yet").isNotBlank();

        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys("indgo cranes", Keys.ENTER);
        wait.until(d -> !d.findElements(By.id("explanation")).isEmpty());
        assertThat(driver.findElement(By.id("explanation")).getText()).contains("indgo → indigo");
        List<WebElement> results = driver.findElements(By.cssSelector(".content .card"));
        assertThat(results).hasSizeGreaterThanOrEqualTo(2);
        String first = results.get(0).getDomAttribute("data-id");
        String second = results.get(1).getDomAttribute("data-id");
        assertThat(driver.findElements(By.cssSelector("#recommendations .card"))).isEmpty();

        results.get(0).findElement(By.cssSelector("button.like")).click();
        wait.until(d -> "1".equals(d.findElement(By.id("recommendations")).getDomAttribute("data-updates")));
        List<String> afterOne = recommended(driver);
        assertThat(afterOne).isNotEmpty().doesNotContain(first);

        driver.findElements(By.cssSelector(".content .card")).get(1).findElement(By.cssSelector("button.like")).click();
        wait.until(d -> "2".equals(d.findElement(By.id("recommendations")).getDomAttribute("data-updates")));
        List<String> afterTwo = recommended(driver);
        assertThat(afterTwo).isNotEmpty().isNotEqualTo(afterOne).doesNotContain(first, second);
        assertThat(driver.findElement(By.id("likes-count")).getText()).isEqualTo("2 likes");
        assertThat(driver.findElements(By.cssSelector(".content button.like.liked"))).hasSize(2);
        shot(driver, shots.resolve("search-and-recommendations.png"));

        driver.findElement(By.cssSelector(".content .card a.title")).click();
        wait.until(d -> !d.findElements(By.cssSelector("article.work")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("article.work")).getDomAttribute("data-id")).isEqualTo(first);
        assertThat(driver.findElements(By.cssSelector(".cards.grid .cell"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(driver.findElement(By.id("likes-count")).getText()).as("the session follows the visitor").isEqualTo("2 likes");
        shot(driver, shots.resolve("work.png"));

        driver.get(server.uri().resolve("/map?field=culture").toString());
        assertThat(driver.findElements(By.cssSelector("svg#map circle"))).hasSize(60);
        shot(driver, shots.resolve("map.png"));

        driver.navigate().back();
        wait.until(d -> !d.findElements(By.id("clear")).isEmpty());
        driver.findElement(By.id("clear")).click();
        wait.until(d -> "0 likes".equals(d.findElement(By.id("likes-count")).getText()));
        assertThat(recommended(driver)).isEmpty();
      } finally {
        driver.quit();
        service.stop();
      }
    }
  }

  private static List<String> recommended(WebDriver driver) {
    return driver.findElements(By.cssSelector("#recommendations .card")).stream().map(e -> e.getDomAttribute("data-id")).toList();
  }

  private static void shot(WebDriver driver, Path file) throws Exception {
    Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, file, StandardCopyOption.REPLACE_EXISTING);
  }
}

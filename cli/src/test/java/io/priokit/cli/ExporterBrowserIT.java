package io.priokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar priokit-health.jar --serve … --simulator} as a process, seen by Prometheus (its
 * metrics parse), by Kubernetes (its probes), and by a person in a real headless browser: the status
 * page shows UP, then DOWN once the simulator is switched to failing through its control endpoint.
 * The screenshots stay in {@code target/browser/}.
 */
class ExporterBrowserIT {

  private static final Path JAR = Path.of(System.getProperty("priokit.health.jar", "target/priokit-health.jar"));
  private static final Path SCREENSHOTS = Path.of("target", "browser");
  /** The banner colours of the page: UP green, DOWN red. */
  private static final int GREEN = 0x1a7f37;
  private static final int RED = 0xcf222e;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process exporter;
  private URI page;
  private URI scenarioControl;

  @BeforeEach
  void startTheExporterAgainstTheEmbeddedSimulator() throws Exception {
    exporter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toAbsolutePath().toString(), "--serve", "127.0.0.1:0", "--simulator", "--watch", "200ms")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader notices = new BufferedReader(new InputStreamReader(exporter.getErrorStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    while (page == null) {
      String line = notices.readLine();
      if (line == null) {
        break;
      }
      seen.add(line);
      Matcher control = Pattern.compile("curl -X PUT --data 503 (\\S+)\\)").matcher(line);
      if (control.find()) {
        scenarioControl = URI.create(control.group(1));
      }
      Matcher serving = Pattern.compile("Serving the health of \\S+ on (http://\\S+/) ").matcher(line);
      if (serving.find()) {
        page = URI.create(serving.group(1));
      }
    }
    Thread drain = new Thread(() -> notices.lines().forEach(line -> { }), "exporter-stderr");
    drain.setDaemon(true);
    drain.start();
    assertThat(page).as("the exporter says where it serves: %s", seen).isNotNull();
    assertThat(scenarioControl).as("the simulator says where to switch it: %s", seen).isNotNull();
  }

  @AfterEach
  void stop() throws Exception {
    exporter.destroy();
    assertThat(exporter.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void probesAndMetricsFollowTheApi() throws Exception {
    awaitStatus("readyz", 200);
    assertThat(get("healthz").statusCode()).isEqualTo(200);
    PrometheusText metrics = PrometheusText.parse(get("metrics").body());
    assertThat(metrics.value("priokit_up", Map.of("check", "status", "transport", "jdk"))).isEqualTo(1);

    switchScenario("503");

    awaitStatus("readyz", 503);
    metrics = PrometheusText.parse(get("metrics").body());
    assertThat(metrics.value("priokit_up", Map.of("check", "status", "transport", "jdk"))).isZero();
    assertThat(metrics.value("priokit_last_http_status", Map.of("check", "status", "transport", "jdk")))
        .isEqualTo(503);
  }

  @Test
  void theStatusPageShowsUpThenDownInARealBrowser() throws Exception {
    Chromium chromium = chromium();
    awaitStatus("readyz", 200);
    awaitHistory(3);

    String upDom = chromium.dumpDom(page.toString(), 3000);
    Path up = SCREENSHOTS.resolve("status-up.png");
    chromium.screenshot(page.toString(), 3000, up);

    assertThat(upDom).contains("<div id=\"state\">UP</div>", "data-rendered=\"true\"", "<td class=\"ok\">UP</td>");
    assertThat(points(upDom, "ping")).as("the chart has a latency line").hasSizeGreaterThanOrEqualTo(2);
    assertThat(share(up, GREEN)).as("the screenshot shows the green UP banner").isGreaterThan(0.05);
    assertThat(share(up, RED)).isLessThan(0.001);

    switchScenario("503");
    awaitStatus("readyz", 503);

    String downDom = chromium.dumpDom(page.toString(), 3000);
    Path down = SCREENSHOTS.resolve("status-down.png");
    chromium.screenshot(page.toString(), 3000, down);

    assertThat(downDom).contains("<div id=\"state\">DOWN</div>", "data-rendered=\"true\"",
        "ServiceUnavailableException 503", "<rect");
    assertThat(share(down, RED)).as("the screenshot shows the red DOWN banner").isGreaterThan(0.05);
    assertThat(share(down, GREEN)).isLessThan(0.001);
  }

  private static Chromium chromium() {
    java.util.Optional<Chromium> found = Chromium.find();
    if (found.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError("CI must install chromium (apt-get install -y chromium): .ci/run does");
    }
    Assumptions.assumeTrue(found.isPresent(), "chromium is not installed (apt-get install chromium)");
    return found.get();
  }

  /** The points of one of the chart's lines in a DOM dump. */
  private static List<String> points(String dom, String series) {
    Matcher line = Pattern.compile("<polyline points=\"([^\"]*)\"[^>]*class=\"" + series + "\"").matcher(dom);
    assertThat(line.find()).as("a %s line in the chart", series).isTrue();
    return line.group(1).isBlank() ? List.of() : List.of(line.group(1).trim().split(" "));
  }

  /** The share of the screenshot's pixels that have exactly this colour. */
  private static double share(Path png, int rgb) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG at %s", png).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1024);
    long matching = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          matching++;
        }
      }
    }
    return (double) matching / ((long) image.getWidth() * image.getHeight());
  }

  private void switchScenario(String scenario) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(scenarioControl)
        .PUT(HttpRequest.BodyPublishers.ofString(scenario)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private void awaitHistory(int rounds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (get("status.json").body().split("\"t\":").length - 1 < rounds) {
      assertThat(System.nanoTime()).as("%d rounds within 20 s", rounds).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private void awaitStatus(String path, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (get(path).statusCode() != status) {
      assertThat(System.nanoTime()).as("/%s answers %d within 20 s", path, status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(page.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

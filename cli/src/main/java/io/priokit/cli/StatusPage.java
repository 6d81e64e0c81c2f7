package io.priokit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The exporter's page at {@code /}: the API's health in one word on a coloured banner, the last round's
 * checks, and a chart of the last hour's latency. The server writes the state into the page, so it
 * reads without script; the page's own script then refreshes it from {@code status.json} and draws the
 * chart as SVG. Everything is in the page: nothing is fetched from elsewhere.
 */
final class StatusPage {

  private static final String TEMPLATE = load();

  private StatusPage() {}

  static String render(ExporterState state, Duration refresh) {
    StringBuilder rows = new StringBuilder();
    for (CheckResult check : state.round()) {
      rows.append("<tr><td>").append(check.check()).append("</td>")
          .append(check.healthy() ? "<td class=\"ok\">UP</td>" : "<td class=\"failed\">DOWN</td>")
          .append("<td>").append(check.healthy() ? check.answer().latency().toMillis() + " ms" : "-").append("</td>")
          .append("<td>").append(check.httpStatus() == 0 ? "-" : String.valueOf(check.httpStatus())).append("</td>")
          .append("<td>").append(check.healthy() ? "" : html(check.message())).append("</td></tr>");
    }
    return TEMPLATE.replace("{{HEALTH}}", state.healthName())
        .replace("{{SUMMARY}}", html(state.summary()))
        .replace("{{CHECKS}}", rows)
        .replace("{{UPDATED}}", html(state.updated()))
        .replace("{{REFRESH_MS}}", String.valueOf(refresh.toMillis()));
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String load() {
    try (InputStream in = StatusPage.class.getResourceAsStream("status.html")) {
      if (in == null) {
        throw new IllegalStateException("status.html is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}

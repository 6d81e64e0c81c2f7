package io.priokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every line must be a comment, a
 * {@code # HELP}, a {@code # TYPE} before its family's samples, or a sample with a valid name, labels
 * and value; histograms must be cumulative and end in {@code +Inf} equal to {@code _count}.
 */
final class PrometheusText {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"(,|$)");

  /** One sample. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final Map<String, String> types = new LinkedHashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  private PrometheusText() {}

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    assertThat(text).as("the exposition ends with a newline").endsWith("\n");
    Map<String, Boolean> sampled = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertThat(parts).as(line).hasSize(4);
        assertThat(parts[2]).as(line).matches(NAME);
        assertThat(parts[3]).as(line).isIn("counter", "gauge", "histogram", "summary", "untyped");
        assertThat(parsed.types.put(parts[2], parts[3])).as("one TYPE per family: %s", line).isNull();
        assertThat(sampled).as("TYPE before the family's samples: %s", line).doesNotContainKey(parts[2]);
      } else if (line.startsWith("# HELP ")) {
        assertThat(line.split(" ", 4)).as(line).hasSize(4);
      } else if (!line.startsWith("#")) {
        Matcher sample = SAMPLE.matcher(line);
        assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
        Map<String, String> labels = new LinkedHashMap<>();
        if (sample.group(3) != null && !sample.group(3).isEmpty()) {
          Matcher label = LABEL.matcher(sample.group(3));
          int end = 0;
          while (label.find() && label.start() == end) {
            labels.put(label.group(1), label.group(2));
            end = label.end();
          }
          assertThat(end).as("labels of %s", line).isEqualTo(sample.group(3).length());
        }
        String name = sample.group(1);
        sampled.put(family(name, parsed.types), true);
        parsed.samples.add(new Sample(name, labels, Double.parseDouble(sample.group(4).replace("+Inf", "Infinity")
            .replace("-Inf", "-Infinity"))));
      }
    }
    parsed.checkHistograms();
    return parsed;
  }

  private static String family(String name, Map<String, String> types) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix) && "histogram".equals(types.get(name.substring(0, name.length() - suffix.length())))) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    assertThat(types).as("a TYPE for %s", name).containsKey(name);
    return name;
  }

  private void checkHistograms() {
    types.forEach((family, type) -> {
      if (!type.equals("histogram")) {
        return;
      }
      Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
      for (Sample sample : samples) {
        if (sample.name().equals(family + "_bucket")) {
          Map<String, String> series = new LinkedHashMap<>(sample.labels());
          series.remove("le");
          bySeries.computeIfAbsent(series, key -> new ArrayList<>()).add(sample);
        }
      }
      bySeries.forEach((series, buckets) -> {
        double previous = 0;
        for (Sample bucket : buckets) {
          assertThat(bucket.value()).as("buckets are cumulative: %s", bucket).isGreaterThanOrEqualTo(previous);
          previous = bucket.value();
        }
        assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
        assertThat(value(family + "_count", series)).isEqualTo(previous);
      });
    });
  }

  /** The type of a family. */
  String type(String family) {
    return types.get(family);
  }

  /** The value of the one sample with this name and exactly these labels. */
  double value(String name, Map<String, String> labels) {
    List<Sample> matching = samples.stream().filter(sample -> sample.name().equals(name)
        && sample.labels().equals(labels)).toList();
    assertThat(matching).as("one sample %s%s", name, labels).hasSize(1);
    return matching.get(0).value();
  }

  List<Sample> samples(String name) {
    return samples.stream().filter(sample -> sample.name().equals(name)).toList();
  }
}

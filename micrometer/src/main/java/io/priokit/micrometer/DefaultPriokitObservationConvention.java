package io.priokit.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.priokit.observe.CallFinished;
import io.priokit.observe.CallOutcome;
import io.priokit.observe.CallStarted;
import java.util.EnumMap;
import java.util.Map;

/**
 * The observation {@code priokit.calls}, named in spans as the request ({@code GET /system/status}).
 * Its low-cardinality keys, which become meter tags, have a few values each: {@code endpoint} (the
 * path, such as {@code /system/status}), {@code method}, {@code transport}, {@code outcome} (a
 * {@link CallOutcome}, {@code UNKNOWN} until the call ends) and {@code status.class} ({@code 2xx} …
 * {@code 5xx}, {@code none} without a response, {@code unknown} until the call ends); the meter
 * handler adds {@code error}, the simple name of the failure's type. Its high-cardinality keys,
 * for spans only, are {@code priokit.app_reference}, {@code http.response.status_code} and
 * {@code priokit.attempts}.
 */
public class DefaultPriokitObservationConvention implements PriokitObservationConvention {

  /** The convention used when none is given. */
  public static final DefaultPriokitObservationConvention INSTANCE = new DefaultPriokitObservationConvention();

  /** The observation's name, and so the name of its timer. */
  public static final String NAME = "priokit.calls";

  private static final KeyValue OUTCOME_UNKNOWN = KeyValue.of("outcome", "UNKNOWN");
  private static final KeyValue STATUS_CLASS_UNKNOWN = KeyValue.of("status.class", "unknown");
  private static final KeyValue STATUS_CLASS_NONE = KeyValue.of("status.class", "none");
  private static final KeyValue[] STATUS_CLASSES = {
      KeyValue.of("status.class", "1xx"), KeyValue.of("status.class", "2xx"), KeyValue.of("status.class", "3xx"),
      KeyValue.of("status.class", "4xx"), KeyValue.of("status.class", "5xx")};
  private static final Map<CallOutcome, KeyValue> OUTCOMES = new EnumMap<>(CallOutcome.class);

  static {
    for (CallOutcome outcome : CallOutcome.values()) {
      OUTCOMES.put(outcome, KeyValue.of("outcome", outcome.name()));
    }
  }

  /** A convention with the names and keys above; extend it to add or change some. */
  public DefaultPriokitObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(PriokitObservationContext context) {
    return context.call().method() + " " + context.call().path();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(PriokitObservationContext context) {
    CallStarted call = context.call();
    CallFinished end = context.getResponse();
    return KeyValues.of(KeyValue.of("endpoint", call.path()), KeyValue.of("method", call.method()),
        KeyValue.of("transport", call.transport()), end == null ? OUTCOME_UNKNOWN : OUTCOMES.get(end.outcome()),
        end == null ? STATUS_CLASS_UNKNOWN : statusClass(end.statusCode()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(PriokitObservationContext context) {
    CallFinished end = context.getResponse();
    KeyValue reference = KeyValue.of("priokit.app_reference", context.call().appReference());
    if (end == null) {
      return KeyValues.of(reference);
    }
    return KeyValues.of(reference, KeyValue.of("priokit.attempts", Integer.toString(end.attempts())),
        KeyValue.of("http.response.status_code", end.statusCode() == 0 ? "none" : Integer.toString(end.statusCode())));
  }

  private static KeyValue statusClass(int status) {
    return status >= 100 && status < 600 ? STATUS_CLASSES[status / 100 - 1] : STATUS_CLASS_NONE;
  }
}

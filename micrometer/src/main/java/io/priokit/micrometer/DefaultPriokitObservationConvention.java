package io.priokit.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.priokit.observe.CallFinished;
import io.priokit.observe.CallOutcome;
import io.priokit.observe.CallStarted;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The observation {@code priokit.calls}, named in spans as the request ({@code GET /system/status}).
 * Its low-cardinality keys, which become meter tags, have a few values each: {@code endpoint} (the
 * path, such as {@code /system/status}), {@code method}, {@code transport}, {@code outcome} (a
 * {@link CallOutcome}, {@code UNKNOWN} until the call ends) and {@code status.class} ({@code 2xx} …
 * {@code 5xx}, {@code none} without a response, {@code unknown} until the call ends); the meter
 * handler adds {@code error}, the simple name of the failure's type. Its high-cardinality keys,
 * for spans only and set when the call ends, are {@code priokit.app_reference},
 * {@code http.response.status_code} and {@code priokit.attempts}. The low-cardinality keys are made once for each endpoint, transport,
 * outcome and status class, not once per call.
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
  private static final KeyValue[] ATTEMPTS = new KeyValue[10];
  private static final KeyValue STATUS_CODE_NONE = KeyValue.of("http.response.status_code", "none");
  private static final AtomicReferenceArray<KeyValue> STATUS_CODES = new AtomicReferenceArray<>(500);
  private static final int UNKNOWN_STATUS_CLASS = STATUS_CLASSES.length;
  private static final int NO_STATUS_CLASS = STATUS_CLASSES.length + 1;

  /** The keys of each endpoint path, then each transport. */
  private final Map<String, Map<String, EndpointKeys>> keys = new ConcurrentHashMap<>();

  static {
    for (CallOutcome outcome : CallOutcome.values()) {
      OUTCOMES.put(outcome, KeyValue.of("outcome", outcome.name()));
    }
    for (int attempts = 0; attempts < ATTEMPTS.length; attempts++) {
      ATTEMPTS[attempts] = KeyValue.of("priokit.attempts", Integer.toString(attempts));
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
    EndpointKeys endpoint = keys.computeIfAbsent(call.path(), path -> new ConcurrentHashMap<>())
        .computeIfAbsent(call.transport(), transport -> new EndpointKeys(call.path(), call.method(), transport));
    if (!endpoint.method.equals(call.method())) {
      return keyValues(call.path(), call.method(), call.transport(), context.getResponse());
    }
    return endpoint.keyValues(context.getResponse());
  }

  /**
   * {@inheritDoc} Empty until the call ends: tracing handlers tag a span when it ends, and a call
   * should not pay for keys twice.
   */
  @Override
  public KeyValues getHighCardinalityKeyValues(PriokitObservationContext context) {
    CallFinished end = context.getResponse();
    if (end == null) {
      return KeyValues.empty();
    }
    return KeyValues.of(KeyValue.of("priokit.app_reference", context.call().appReference()),
        end.attempts() < ATTEMPTS.length ? ATTEMPTS[end.attempts()]
            : KeyValue.of("priokit.attempts", Integer.toString(end.attempts())),
        statusCode(end.statusCode()));
  }

  private static KeyValue statusCode(int status) {
    if (status < 100 || status >= 600) {
      return STATUS_CODE_NONE;
    }
    KeyValue made = STATUS_CODES.get(status - 100);
    if (made == null) {
      made = KeyValue.of("http.response.status_code", Integer.toString(status));
      STATUS_CODES.set(status - 100, made);
    }
    return made;
  }

  private static KeyValues keyValues(String path, String method, String transport, CallFinished end) {
    return KeyValues.of(KeyValue.of("endpoint", path), KeyValue.of("method", method),
        KeyValue.of("transport", transport), end == null ? OUTCOME_UNKNOWN : OUTCOMES.get(end.outcome()),
        statusClass(end));
  }

  private static KeyValue statusClass(CallFinished end) {
    int index = statusClassIndex(end);
    return index == UNKNOWN_STATUS_CLASS ? STATUS_CLASS_UNKNOWN
        : index == NO_STATUS_CLASS ? STATUS_CLASS_NONE : STATUS_CLASSES[index];
  }

  private static int statusClassIndex(CallFinished end) {
    if (end == null) {
      return UNKNOWN_STATUS_CLASS;
    }
    int status = end.statusCode();
    return status >= 100 && status < 600 ? status / 100 - 1 : NO_STATUS_CLASS;
  }

  /** One endpoint's keys on one transport: at the start, and for each outcome and status class. */
  private static final class EndpointKeys {
    private final String path;
    private final String method;
    private final String transport;
    private final KeyValues started;
    private final AtomicReferenceArray<KeyValues> ended =
        new AtomicReferenceArray<>(CallOutcome.values().length * (NO_STATUS_CLASS + 1));

    EndpointKeys(String path, String method, String transport) {
      this.path = path;
      this.method = method;
      this.transport = transport;
      this.started = DefaultPriokitObservationConvention.keyValues(path, method, transport, null);
    }

    KeyValues keyValues(CallFinished end) {
      if (end == null) {
        return started;
      }
      int slot = end.outcome().ordinal() * (NO_STATUS_CLASS + 1) + statusClassIndex(end);
      KeyValues made = ended.get(slot);
      if (made == null) {
        made = DefaultPriokitObservationConvention.keyValues(path, method, transport, end);
        ended.set(slot, made);
      }
      return made;
    }
  }
}

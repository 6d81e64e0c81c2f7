package io.priokit.observe;

/** How a call ended, in the groups of the error taxonomy. */
public enum CallOutcome {
  /** A 2xx response. */
  SUCCESS,
  /** A response with an error status: an {@link io.priokit.error.ApiException}. */
  API_ERROR,
  /** An attempt timeout or the deadline: a {@link io.priokit.error.PriokitTimeoutException}. */
  TIMEOUT,
  /** No response: a {@link io.priokit.error.TransportException}, the client's closing included. */
  TRANSPORT_ERROR,
  /** Not sent, to keep within the fair-use limits: a {@link io.priokit.error.RequestRejectedException}. */
  REJECTED,
  /** A body over the bound or a broken gzip stream: a {@link io.priokit.error.DecodingException}. */
  DECODING_ERROR,
  /** The client was set up or called wrong: a {@link io.priokit.error.ConfigurationException}. */
  CONFIGURATION_ERROR,
  /** The caller cancelled or completed the call's future before the client did. */
  CANCELLED,
  /** Something outside the taxonomy: an {@link Error} or a bug. */
  INTERNAL_ERROR
}

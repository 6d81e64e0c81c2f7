package io.priokit.observe;

import io.priokit.error.ApiException;
import io.priokit.error.ConfigurationException;
import io.priokit.error.DecodingException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.TransportException;
import java.util.concurrent.CancellationException;

/** How a call ended, in the groups of the error taxonomy. */
public enum CallOutcome {
  /** A 2xx response. */
  SUCCESS,
  /** A response with an error status: an {@link ApiException}. */
  API_ERROR,
  /** An attempt timeout or the deadline: a {@link PriokitTimeoutException}. */
  TIMEOUT,
  /** No response: a {@link TransportException}, the client's closing included. */
  TRANSPORT_ERROR,
  /** Not sent, to keep within the fair-use limits: a {@link RequestRejectedException}. */
  REJECTED,
  /** A body over the bound or a broken gzip stream: a {@link DecodingException}. */
  DECODING_ERROR,
  /** The client was set up or called wrong: a {@link ConfigurationException}. */
  CONFIGURATION_ERROR,
  /** The caller cancelled or completed the call's future before the client did. */
  CANCELLED,
  /** Something outside the taxonomy: an {@link Error} or a bug. */
  INTERNAL_ERROR;

  /**
   * The outcome a failure gives a call, by its place in the taxonomy.
   *
   * @param failure why the call failed, or {@code null} when it succeeded
   * @return {@link #SUCCESS} for {@code null}, {@link #CANCELLED} for a
   *     {@link CancellationException}, {@link #INTERNAL_ERROR} for anything
   *     outside the taxonomy
   */
  public static CallOutcome of(Throwable failure) {
    if (failure == null) {
      return SUCCESS;
    }
    if (failure instanceof ApiException) {
      return API_ERROR;
    }
    if (failure instanceof PriokitTimeoutException) {
      return TIMEOUT;
    }
    if (failure instanceof TransportException) {
      return TRANSPORT_ERROR;
    }
    if (failure instanceof RequestRejectedException) {
      return REJECTED;
    }
    if (failure instanceof DecodingException) {
      return DECODING_ERROR;
    }
    if (failure instanceof ConfigurationException) {
      return CONFIGURATION_ERROR;
    }
    return failure instanceof CancellationException ? CANCELLED : INTERNAL_ERROR;
  }
}

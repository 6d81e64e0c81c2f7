package io.priokit.internal;

import io.priokit.spi.TransportRequest;
import java.util.concurrent.CompletableFuture;

/**
 * One step of the pipeline. Each step decorates the next (retries, then authorisation, then fair use)
 * and the last one, {@link TransportExchanger}, makes one attempt through the transport. A step
 * completes with a response of any status, or exceptionally with a
 * {@link io.priokit.error.PriokitException} when no response arrived.
 */
interface Exchanger {

  /**
   * @param call the call this exchange belongs to
   * @param request the request to send
   * @return the response, or a taxonomy failure
   */
  CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request);
}

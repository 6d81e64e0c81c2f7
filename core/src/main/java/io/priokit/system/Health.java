package io.priokit.system;

/** How the API is doing, as a health stream reports it. */
public enum Health {
  /** Status answered OK, at the first attempt and quickly. */
  UP,
  /** Status answered OK, but only after retries or slower than the configured threshold. */
  DEGRADED,
  /** Status did not answer OK; the state carries the cause. */
  DOWN
}

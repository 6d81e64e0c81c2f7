package io.priokit.error;

/**
 * The client was set up, or called, in a way that cannot work: a bad base URI, plaintext to a remote
 * host, missing credentials, no transport, or a blocking call on an event-loop thread. The message says
 * what to change. Never retryable.
 */
public final class ConfigurationException extends PriokitException {

  /**
   * Creates the exception with a message that says what to fix.
   *
   * @param whatToFix what is wrong and how to fix it
   */
  public ConfigurationException(String whatToFix) {
    super(whatToFix, null, FailureContext.NONE);
  }

  /**
   * Creates the exception with a message that says what to fix.
   *
   * @param whatToFix what is wrong and how to fix it
   * @param cause the underlying failure
   */
  public ConfigurationException(String whatToFix, Throwable cause) {
    super(whatToFix, cause, FailureContext.NONE);
  }
}

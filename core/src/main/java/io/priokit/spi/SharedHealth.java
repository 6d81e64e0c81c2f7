package io.priokit.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Lets the health streams of a fleet poll the API once per interval between them: one subscription
 * holds a short lease and polls, and publishes what it saw; the others read that. A holder that dies
 * stops renewing, its lease lapses, and the next to take its turn takes over.
 *
 * <p>Observations are text made and read by the client; a store keeps them as they are. Nothing here
 * may block: every answer is a future, and a store that cannot answer fails it (the stream then polls
 * on its own for that round).
 */
public interface SharedHealth {

  /**
   * One round of a stream for one holder: takes the lease if nobody holds it, renews it if this
   * holder does, and otherwise reads what the holder last published.
   *
   * @param stream names the stream; every subscription polling at the same interval uses the same
   * @param holder names this subscription, unique across the fleet
   * @param lease how long the lease lasts from now unless renewed
   * @return whether this holder leads (and so polls), or what the leader last published
   */
  CompletableFuture<Turn> turn(String stream, String holder, Duration lease);

  /**
   * Publishes what the leader saw, and renews its lease, if it still holds it.
   *
   * @param stream the stream
   * @param holder the leader
   * @param observation the observation, as the client encoded it
   * @param lease how long the lease lasts from now
   * @return completes once stored
   */
  CompletableFuture<Void> publish(String stream, String holder, String observation, Duration lease);

  /**
   * Gives the lease up, if this holder holds it, so that another takes over at once rather than when
   * it lapses.
   *
   * @param stream the stream
   * @param holder the holder leaving
   * @return completes once given up
   */
  CompletableFuture<Void> resign(String stream, String holder);

  /**
   * One round's answer.
   *
   * @param leads whether the asking holder holds the lease and should poll
   * @param observation what the leader last published, or {@code null} if nothing is
   */
  record Turn(boolean leads, String observation) {

    /** {@return what the leader last published, if anything is} */
    public Optional<String> published() {
      return Optional.ofNullable(observation);
    }
  }
}

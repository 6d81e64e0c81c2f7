package io.priokit.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a priokit call; implement it, or extend
 * {@link DefaultPriokitObservationConvention}, to change them.
 */
public interface PriokitObservationConvention extends ObservationConvention<PriokitObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof PriokitObservationContext;
  }
}

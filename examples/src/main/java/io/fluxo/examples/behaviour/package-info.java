/**
 * Small flows that show run-time behaviour, one decorator or feature each: {@link
 * io.fluxo.examples.behaviour.RetryFlow @Retry}, {@link
 * io.fluxo.examples.behaviour.CatchFlow @Catch}, {@link
 * io.fluxo.examples.behaviour.TimeoutFlow @Timeout} (and {@link
 * io.fluxo.examples.behaviour.TimeoutCatchFlow with @Catch}), {@link
 * io.fluxo.examples.behaviour.EnvironmentFlow @Environment}, {@link
 * io.fluxo.examples.behaviour.ParametersFlow every parameter type} and {@link
 * io.fluxo.examples.behaviour.ResumableFlow resume}. The end-to-end tests run them through {@code
 * flow.jar}.
 */
package io.fluxo.examples.behaviour;

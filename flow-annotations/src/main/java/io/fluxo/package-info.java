/**
 * The user API of Fluxo: extend {@link io.fluxo.FlowSpec}, annotate the class with {@link
 * io.fluxo.Flow} and its step methods with {@link io.fluxo.Step}, and decorate steps with {@link
 * io.fluxo.Retry}, {@link io.fluxo.Catch}, {@link io.fluxo.Timeout}, {@link io.fluxo.Resources},
 * {@link io.fluxo.Kubernetes} and {@link io.fluxo.Environment}.
 */
package io.fluxo;

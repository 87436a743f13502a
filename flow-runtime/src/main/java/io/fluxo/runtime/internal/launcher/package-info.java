/**
 * Where task attempts run: {@link io.fluxo.runtime.spi.StepLauncher} and its local-process
 * implementation.
 */
package io.fluxo.runtime.internal.launcher;

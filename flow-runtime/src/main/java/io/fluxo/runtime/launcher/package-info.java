/**
 * Where task attempts run: {@link io.fluxo.runtime.launcher.StepLauncher} and its local-process
 * implementation.
 */
package io.fluxo.runtime.launcher;

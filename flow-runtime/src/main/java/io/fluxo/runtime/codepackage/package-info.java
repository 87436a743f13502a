/**
 * The code package: the classpath a run's tasks need, stored content-addressed in a remote
 * datastore so that tasks can run away from the launching machine.
 */
package io.fluxo.runtime.codepackage;

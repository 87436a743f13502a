/** One small flow per graph shape: linear, static branch, foreach and nested foreach. */
package io.fluxo.examples.shapes;

/** Kryo-based artifact encoding. Not API. */
package io.fluxo.runtime.internal.kryo;

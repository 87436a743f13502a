/** The exceptions Fluxo raises: platform failures, user-code failures and usage errors. */
package io.fluxo.runtime.error;

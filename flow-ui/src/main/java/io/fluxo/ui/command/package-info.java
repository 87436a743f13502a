/** {@code flow ui}: the web UI over this machine's metadata and datastore, read-only. */
package io.fluxo.ui.command;

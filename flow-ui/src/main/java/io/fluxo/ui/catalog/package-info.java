/** What the UI reads of the metadata: runs, graphs, tasks and attempts, by page and by run. */
package io.fluxo.ui.catalog;

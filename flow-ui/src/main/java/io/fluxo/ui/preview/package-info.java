/** Bounded previews of artifact values: text, tables, and values stored in their own format. */
package io.fluxo.ui.preview;

/** What the UI's templates show: one record per page or fragment, with its text ready to print. */
package io.fluxo.ui.view;

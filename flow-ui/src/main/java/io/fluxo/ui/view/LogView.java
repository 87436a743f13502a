package io.fluxo.ui.view;

/**
 * A log as the task page shows it: its end, up to a bound, and where to fetch what follows.
 *
 * @param stream {@code stdout} or {@code stderr}
 * @param text the text shown
 * @param skipped how many bytes before it are not shown (see the download)
 * @param offset the byte offset after the text, from which a live tail continues
 * @param tailHref where to fetch what follows {@code offset} while the attempt runs, or null once
 *     it has ended
 * @param downloadHref the whole log as a file
 */
public record LogView(
    String stream, String text, long skipped, long offset, String tailHref, String downloadHref) {}

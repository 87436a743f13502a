package io.fluxo.ui.view;

import io.fluxo.ui.preview.Preview;

/**
 * An artifact's preview, loaded into the task page.
 *
 * @param name the artifact's name
 * @param type its stored class, or {@code null}
 * @param preview what is shown of its value
 */
public record ArtifactPreviewView(String name, String type, Preview preview) {}

package io.fluxo.processor.model;

import com.sun.source.util.TreePath;

/**
 * A read of an artifact field at a point where the step has not assigned it yet, so its value must
 * come from upstream.
 *
 * @param name the artifact
 * @param path the reading expression (in a helper method or nested class when the read is there)
 * @param afterMerge whether {@code mergeArtifacts(inputs)} has certainly run before the read
 */
public record ArtifactRead(String name, TreePath path, boolean afterMerge) {}

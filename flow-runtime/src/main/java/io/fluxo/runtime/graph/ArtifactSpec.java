package io.fluxo.runtime.graph;

/** One artifact field of a flow: its name and its type as written in source. */
public record ArtifactSpec(String name, String javaType) {}

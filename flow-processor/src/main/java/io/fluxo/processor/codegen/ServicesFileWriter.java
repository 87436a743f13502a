package io.fluxo.processor.codegen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/services/io.fluxo.runtime.graph.FlowDefinition}, listing every generated
 * class so that {@code ServiceLoader} finds the flows of a jar. Keeps the entries of an earlier
 * (incremental) compilation when that file can be read.
 */
public final class ServicesFileWriter {
  /** Where the file goes in the class output. */
  public static final String PATH =
      "META-INF/services/" + ClassNames.FLOW_DEFINITION.canonicalName();

  private ServicesFileWriter() {}

  /** Writes the file with {@code classNames} plus the entries already there, sorted. */
  public static void write(Filer filer, Collection<String> classNames, Element... originating)
      throws IOException {
    Set<String> entries = new TreeSet<>(classNames);
    entries.addAll(existingEntries(filer));
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH, originating);
    try (Writer writer = file.openWriter()) {
      for (String entry : entries) {
        writer.write(entry);
        writer.write('\n');
      }
    }
  }

  private static Set<String> existingEntries(Filer filer) {
    Set<String> entries = new TreeSet<>();
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(existing.openInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          String entry = line.replaceAll("#.*", "").strip();
          if (!entry.isEmpty()) {
            entries.add(entry);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // No readable file from an earlier compilation: start afresh.
    }
    return entries;
  }
}

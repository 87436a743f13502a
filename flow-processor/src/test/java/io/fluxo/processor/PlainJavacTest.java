package io.fluxo.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.fluxo.Flow;
import io.fluxo.processor.codegen.ServicesFileWriter;
import io.fluxo.runtime.graph.FlowDefinition;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on a plain {@code javac -processorpath} holding only the processor's classes,
 * JavaPoet and the annotations, found through the processor's own service file.
 */
class PlainJavacTest {
  @TempDir Path tmp;

  @Test
  void goodFlow_generatesFlowMainAndServicesFile() throws Exception {
    Result result = javac(resource("good/LinearFlow.java"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(tmp.resolve("gen/com/example/FlowMain_LinearFlow.java")).exists();
    assertThat(tmp.resolve("out/com/example/FlowMain_LinearFlow.class")).exists();
    assertThat(tmp.resolve("out").resolve(ServicesFileWriter.PATH))
        .hasContent("com.example.FlowMain_LinearFlow");
  }

  @Test
  void badFlow_failsWithItsErrorAndGeneratesNothing() throws Exception {
    Path bad = tmp.resolve("src/test/Bad.java");
    Files.createDirectories(bad.getParent());
    Files.writeString(
        bad,
        """
        package test;

        import io.fluxo.*;

        @Flow
        public class Bad extends FlowSpec {
          @Step public void start() { next(this::trian); }
          @Step public void end() {}
        }
        """);

    Result result = javac(bad);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("Bad.java:7: error: [Fluxo/UnknownStep]");
    assertThat(tmp.resolve("gen/test/FlowMain_Bad.java")).doesNotExist();
    assertThat(tmp.resolve("out").resolve(ServicesFileWriter.PATH)).doesNotExist();
  }

  private Result javac(Path source) throws Exception {
    Files.createDirectories(tmp.resolve("out"));
    Files.createDirectories(tmp.resolve("gen"));
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-processorpath", path(FlowProcessor.class, JavaFile.class, Flow.class)));
    args.addAll(List.of("-classpath", path(Flow.class, FlowDefinition.class)));
    args.addAll(List.of("-d", tmp.resolve("out").toString(), "-s", tmp.resolve("gen").toString()));
    args.add(source.toString());
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int exitCode = javac.run(null, output, output, args.toArray(new String[0]));
    return new Result(exitCode, output.toString(StandardCharsets.UTF_8));
  }

  private static String path(Class<?>... classes) throws URISyntaxException {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : classes) {
      entries.add(
          new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PlainJavacTest.class.getClassLoader().getResource(name).toURI());
  }

  private record Result(int exitCode, String output) {}
}

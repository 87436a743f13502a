package io.fluxo.runtime.internal.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.FlowSpec;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.internal.cli.CountingFlow;
import io.fluxo.runtime.internal.cli.CountingFlowDefinition;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.ExternalValue;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a task reads its artifacts into the flow's fields. */
class TaskArtifactsTest {
  @TempDir Path root;

  @Test
  @SuppressWarnings("unchecked")
  void externalValue_isOpenedForTheDeclaredTypeOfItsField() {
    ContentStore blobs =
        new ContentStore(new LocalStorage(root), "CountingFlow", new KryoArtifactCodec());
    ArtifactRef ref = blobs.put(new TypeEcho());
    CountingFlow flow = new CountingFlow();
    FlowDefinition<FlowSpec> definition =
        (FlowDefinition<FlowSpec>) (FlowDefinition<?>) new CountingFlowDefinition();
    TaskArtifacts artifacts =
        new TaskArtifacts(
            definition, flow, blobs, Map.of("items", ref), name -> root.resolve(name).toString());

    artifacts.load(List.of("items"));

    assertThat(definition.getArtifact(flow, "items"))
        .isEqualTo(List.of("java.util.List<java.lang.Integer>"));
  }

  @Test
  void declaredType_isFoundInTheClassOrItsSuperclasses() {
    class Subclass extends CountingFlow {
      Map<String, Long> more;
    }

    assertThat(TaskArtifacts.declaredType(Subclass.class, "more").getTypeName())
        .isEqualTo("java.util.Map<java.lang.String, java.lang.Long>");
    assertThat(TaskArtifacts.declaredType(Subclass.class, "items").getTypeName())
        .isEqualTo("java.util.List<java.lang.Integer>");
    assertThat(TaskArtifacts.declaredType(Subclass.class, "absent")).isEqualTo(Object.class);
  }

  /** An external value that opens as the name of the type it is opened for. */
  record TypeEcho() implements ExternalValue {
    @Override
    public Object open() {
      return List.of("opened without a type");
    }

    @Override
    public Object open(Type declared) {
      return List.of(declared.getTypeName());
    }

    @Override
    public String describe() {
      return "echo";
    }

    @Override
    public Map<String, String> details() {
      return Map.of("location", "nowhere");
    }
  }
}

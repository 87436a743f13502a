package io.fluxo.runtime.cli;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import java.util.List;

/**
 * What every command of one flow's CLI shares.
 *
 * @param definition the flow
 * @param selfCommand how to invoke this CLI again, e.g. {@code java -jar flow.jar}, for messages
 * @param taskCommand the command prefix that starts a task process (java, options, classpath, main)
 * @param configSources where configuration is read from (environment, home, working directory)
 */
record CliContext(FlowDefinition<?> definition, String selfCommand, List<String> taskCommand, ConfigSources configSources) {
  FlowGraph graph() {
    return definition.graph();
  }
}

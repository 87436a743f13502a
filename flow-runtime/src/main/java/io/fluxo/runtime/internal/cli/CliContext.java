package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.internal.launcher.TaskProcesses;
import java.util.List;

/**
 * What every command of one flow's CLI shares.
 *
 * @param definition the flow
 * @param selfCommand how to invoke this CLI again, e.g. {@code java -jar flow.jar}, for messages
 * @param taskCommand the command prefix that starts a task process (java, options, classpath, main)
 * @param configSources where configuration is read from (environment, home, working directory)
 * @param taskProcesses the local task processes of a {@code run} or {@code resume}, started before
 *     its command line is parsed; null for other commands
 */
record CliContext(
    FlowDefinition<?> definition,
    String selfCommand,
    List<String> taskCommand,
    ConfigSources configSources,
    TaskProcesses taskProcesses) {
  FlowGraph graph() {
    return definition.graph();
  }
}

package io.fluxo.runtime.spi;

/** Receives a task's output lines as they are printed. Called from launcher threads. */
public interface TaskOutput {
  /** One line of the task's stdout ({@code stderr == false}) or stderr. */
  void line(TaskLaunch launch, String taskId, String line, boolean stderr);
}

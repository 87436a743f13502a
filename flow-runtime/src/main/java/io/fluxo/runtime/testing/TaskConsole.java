package io.fluxo.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Routes {@code System.out} and {@code System.err} by thread while a test run is open: what a
 * task's thread (and the threads it starts) prints goes to that attempt's {@link Capture},
 * everything else to the console as before. Closing restores the streams it replaced. Runs that
 * overlap in one JVM (parallel tests) must not each open one.
 */
final class TaskConsole implements AutoCloseable {
  private static final InheritableThreadLocal<Capture> CAPTURE = new InheritableThreadLocal<>();

  private final PrintStream out;
  private final PrintStream err;
  private final PrintStream routedOut;
  private final PrintStream routedErr;

  private TaskConsole() {
    this.out = System.out;
    this.err = System.err;
    this.routedOut = new PrintStream(new Routed(out, false), true, StandardCharsets.UTF_8);
    this.routedErr = new PrintStream(new Routed(err, true), true, StandardCharsets.UTF_8);
  }

  /** Replaces {@code System.out} and {@code System.err} until {@link #close()}. */
  static TaskConsole open() {
    TaskConsole console = new TaskConsole();
    System.setOut(console.routedOut);
    System.setErr(console.routedErr);
    return console;
  }

  /** The console's standard output, as it was before this opened. */
  PrintStream out() {
    return out;
  }

  /**
   * Sends what the current thread, and the threads it starts from now on, print to {@code capture}.
   */
  static void captureThisThread(Capture capture) {
    CAPTURE.set(capture);
  }

  @Override
  public void close() {
    routedOut.flush();
    routedErr.flush();
    if (System.out == routedOut) {
      System.setOut(out);
    }
    if (System.err == routedErr) {
      System.setErr(err);
    }
  }

  /** What one attempt printed. Thread-safe. */
  static final class Capture {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    /** A stream into the attempt's standard error, from any thread. */
    PrintStream err() {
      return errStream;
    }

    /** The bytes printed so far to standard output ({@code stderr == false}) or error. */
    byte[] bytes(boolean stderr) {
      return (stderr ? err : out).toByteArray();
    }

    /** The lines printed so far to standard output ({@code stderr == false}) or error. */
    List<String> lines(boolean stderr) {
      String text = new String(bytes(stderr), StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : text.lines().toList();
    }

    private OutputStream stream(boolean stderr) {
      return stderr ? err : out;
    }
  }

  /** Writes to the current thread's capture, if it has one, else to {@code console}. */
  private static final class Routed extends OutputStream {
    private final PrintStream console;
    private final boolean stderr;

    Routed(PrintStream console, boolean stderr) {
      this.console = console;
      this.stderr = stderr;
    }

    @Override
    public void write(int b) throws IOException {
      Capture capture = CAPTURE.get();
      if (capture == null) {
        console.write(b);
      } else {
        capture.stream(stderr).write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      Capture capture = CAPTURE.get();
      if (capture == null) {
        console.write(bytes, offset, length);
      } else {
        capture.stream(stderr).write(bytes, offset, length);
      }
    }

    @Override
    public void flush() {
      console.flush();
    }
  }
}

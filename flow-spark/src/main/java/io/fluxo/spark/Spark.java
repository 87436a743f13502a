package io.fluxo.spark;

import static io.fluxo.runtime.spi.TaskEnvironment.CPU_ENV;
import static io.fluxo.runtime.spi.TaskEnvironment.CPU_PROPERTY;
import static io.fluxo.runtime.spi.TaskEnvironment.PATHSPEC_PROPERTY;

import io.fluxo.runtime.config.S3aSettings;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.spi.TaskEnvironment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The task's {@link SparkSession}, created on first use and stopped when the task's JVM exits (each
 * task runs in a JVM of its own), so a step that never calls {@link #session()} pays nothing.
 *
 * <p>The session is configured from {@code spark.*} system properties (a {@link SparkConf} reads
 * them; {@code FLUXO_TASK_JVM_OPTS="-Dspark.master=spark://host:7077"} points every task at a
 * cluster) and, over them, from the datastore: on S3, its {@code spark.hadoop.fs.s3a.*} settings,
 * endpoint and keys included, which the runtime hands to {@link SparkValueFormat#prepare} in a task
 * (for every bucket) and in the client (for the datastore's bucket). Those stay in this JVM's
 * memory, never in system properties, and also reach a session created before. Without {@code
 * spark.master} Spark runs in the task's JVM as {@code local[n]}, {@code n} being the cpu of the
 * task's container rounded up: a step pod's cpu ({@value
 * io.fluxo.runtime.spi.TaskEnvironment#CPU_ENV}, from {@code @Kubernetes} or {@code @Resources}),
 * else the step's {@code @Resources(cpu)} ({@code local[*]} when there is neither). Defaults that a
 * property does not override:
 *
 * <ul>
 *   <li>{@code spark.app.name}: the task's pathspec, {@code Flow/run/step/task};
 *   <li>in local mode, {@code spark.driver.host} and {@code spark.driver.bindAddress} 127.0.0.1 and
 *       {@code spark.sql.shuffle.partitions} twice the cores;
 *   <li>{@code spark.ui.enabled} false;
 *   <li>Spark's logging at WARN, unless a log4j2 configuration is given ({@code
 *       -Dlog4j2.configurationFile=...}).
 * </ul>
 *
 * <p>Spark's Java 17 module flags ({@link TaskEnvironment#ADD_OPENS}) are handled by the runtime:
 * task JVMs are started with them and a flow jar's manifest carries them for {@code java -jar}; a
 * JVM without them (a client program started without them) is refused with the options to add.
 */
public final class Spark {
  private static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";
  private static final String LOG_CONFIG = "io/fluxo/spark/log4j2-task.properties";

  private static volatile SparkSession session;

  /** Spark properties from the datastores this JVM uses; guarded by {@code Spark.class}. */
  private static final Map<String, String> datastoreProperties = new LinkedHashMap<>();

  private Spark() {}

  /** The task's session, created on the first call; thread-safe. */
  public static SparkSession session() {
    SparkSession current = session;
    if (current != null) {
      return current;
    }
    synchronized (Spark.class) {
      if (session == null) {
        requireOpenedPackages(TaskEnvironment.notOpenedTo(Spark.class.getModule()));
        if (System.getProperty(LOG_CONFIG_PROPERTY) == null) {
          System.setProperty(LOG_CONFIG_PROPERTY, LOG_CONFIG);
        }
        session = SparkSession.builder().config(conf()).getOrCreate();
        Runtime.getRuntime().addShutdownHook(new Thread(Spark::stop, "fluxo-spark-stop"));
      }
      return session;
    }
  }

  /**
   * Refuses to start Spark in a JVM that does not open to it the JDK packages it reflects into
   * ({@code missing}), which would fail later with an {@code IllegalAccessError} deep in Spark: a
   * task JVM and {@code java -jar flow.jar} open them; a client program must be started with the
   * options this names.
   *
   * @throws UsageException naming the options to add, when {@code missing} is not empty
   */
  static void requireOpenedPackages(List<String> missing) {
    if (!missing.isEmpty()) {
      throw new UsageException(
          "Spark needs JDK packages this JVM does not open to it (%s): start java with %s (or put"
              + " them in JAVA_TOOL_OPTIONS); flow jars and task processes have them already",
          String.join(", ", missing), String.join(" ", TaskEnvironment.ADD_OPENS));
    }
  }

  /**
   * A location as Spark reads and writes it: {@code s3://bucket/key} becomes {@code
   * s3a://bucket/key}, another URI ({@code s3a:}, {@code hdfs:}, {@code file:}) stays, and a local
   * path becomes an absolute {@code file:} URI, a relative one resolved against the working
   * directory.
   */
  public static String uri(String location) {
    if (location.startsWith("s3://")) {
      return "s3a://" + location.substring("s3://".length());
    }
    if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toUri().toString();
  }

  /**
   * Adds a datastore's Hadoop settings, as Spark properties ({@code spark.hadoop.*}), to the
   * session: to the one {@link #session()} creates, over system properties, and to the Hadoop
   * configuration of one already created (a file system Hadoop already opened keeps its settings).
   * They last for the life of this JVM, across {@link #stop()}.
   */
  static void addDatastoreProperties(Map<String, String> properties) {
    synchronized (Spark.class) {
      datastoreProperties.putAll(properties);
      if (session != null) {
        Configuration hadoop = session.sparkContext().hadoopConfiguration();
        properties.forEach(
            (name, value) ->
                hadoop.set(name.substring(S3aSettings.SPARK_HADOOP_PREFIX.length()), value));
      }
    }
  }

  /** Whether this JVM has created a session. */
  public static boolean started() {
    return session != null;
  }

  /** Stops the session, if one was created; the next {@link #session()} creates a new one. */
  public static void stop() {
    synchronized (Spark.class) {
      if (session != null) {
        session.stop();
        session = null;
      }
    }
  }

  /**
   * The configuration {@link #session()} starts from: {@code spark.*} system properties, the
   * datastores' properties over them, plus Fluxo's defaults.
   */
  static SparkConf conf() {
    return conf(System.getenv(CPU_ENV));
  }

  /** As {@link #conf()}, in a container of {@code containerCpu} cpus (null outside a pod). */
  static SparkConf conf(String containerCpu) {
    SparkConf conf = new SparkConf();
    synchronized (Spark.class) {
      datastoreProperties.forEach(conf::set);
    }
    String pathspec = System.getProperty(PATHSPEC_PROPERTY);
    conf.setIfMissing("spark.app.name", pathspec == null ? "fluxo" : pathspec);
    conf.setIfMissing("spark.ui.enabled", "false");
    String cpu = containerCpu != null ? containerCpu : System.getProperty(CPU_PROPERTY);
    if (!conf.contains("spark.master")) {
      conf.setMaster(cpu == null ? "local[*]" : "local[" + cores(cpu) + "]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(2 * cores(cpu)));
    }
    return conf;
  }

  /**
   * {@code cpu} (a number, or null) rounded up, or this machine's processors when it is null or not
   * a number.
   */
  private static int cores(String cpu) {
    if (cpu != null) {
      try {
        return Math.max(1, (int) Math.ceil(Double.parseDouble(cpu)));
      } catch (NumberFormatException e) {
        // fall back to the machine's processors
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }
}

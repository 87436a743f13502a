package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service image (the Dockerfile's {@code service} stage) as a pod runs it, without a container
 * engine: the script the stage's {@code ENTRYPOINT} names ({@code infra/service/entrypoint.sh})
 * runs as a child process with the stage's {@code ENV}, its image paths mapped to a lib folder of
 * the jars this build makes (target/service-classpath.txt and the module's jar, which the stage's
 * build copies), against a fresh database of the embedded PostgreSQL with a password-holding user;
 * the health check is the stage's {@code HEALTHCHECK} command, parsed from the Dockerfile and run
 * the same way. The service's port comes from FLUXO_SERVICE_PORT (a free one here, 8780 in the
 * image), which the probe follows too.
 */
class ServiceImageIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final String TOKEN =
      "image-token-" + UUID.randomUUID().toString().replace("-", "");
  private static final String PASSWORD = "image-db-password-" + UUID.randomUUID();
  private static final String DB_USER = "fluxo_image";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dir;
  private static Stage stage;
  private static Path lib;
  private static Path home;

  private final List<Process> started = new ArrayList<>();

  /** What a child process did. */
  private record Result(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @BeforeAll
  static void imageLayout() throws IOException {
    stage = Stage.parse(Files.readAllLines(REPO.resolve("Dockerfile")), "service");
    lib = Files.createDirectories(dir.resolve("lib"));
    Path classpath = Path.of(System.getProperty("fluxo.service.classpath"));
    Path jar = Path.of(System.getProperty("fluxo.service.jar"));
    assertThat(classpath).as("written by mvn package (flow-service/pom.xml)").isRegularFile();
    assertThat(jar).as("the module's jar, made by mvn package").isRegularFile();
    List<Path> jars = new ArrayList<>();
    for (String entry : Files.readString(classpath).strip().split(File.pathSeparator)) {
      jars.add(Path.of(entry));
    }
    jars.add(jar);
    for (Path entry : jars) {
      assertThat(entry.toString()).as("the image's lib folder holds jars only").endsWith(".jar");
      assertThat(entry).isRegularFile();
      Files.createSymbolicLink(lib.resolve(entry.getFileName()), entry);
    }
    home = Files.createDirectories(dir.resolve("home"));
  }

  @AfterEach
  void stopChildren() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  void dockerfile_serviceStage_runsAsUid10001_exposes8780_withTheRepositoryScriptAndTheProbe() {
    assertThat(stage.from()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(stage.last("USER")).isEqualTo("10001:10001");
    assertThat(stage.last("EXPOSE")).isEqualTo("8780");
    assertThat(entrypointScript()).isEqualTo(REPO.resolve("infra/service/entrypoint.sh"));
    assertThat(Files.isExecutable(entrypointScript())).isTrue();
    assertThat(stage.last("HEALTHCHECK")).contains("--timeout=", "--start-period=");
    assertThat(healthcheck())
        .containsExactly(
            "java", "-cp", stage.env().get("FLUXO_LIB") + "/*", HealthProbe.class.getName());
    assertThat(stage.env()).doesNotContainKeys("FLUXO_SERVICE_TOKEN", "FLUXO_DB_PASSWORD");
    List<String> froms = Stage.froms(readDockerfile());
    assertThat(froms.get(froms.size() - 1))
        .as("the runtime image stays the default target")
        .isEqualTo("eclipse-temurin:17-jre AS runtime");
  }

  @Test
  void migrate_asAnInitStep_appliesTheSchema_andExits() throws Exception {
    String url = freshDatabase();

    Result migrate = run(entrypoint("migrate", "--db-url", url, "--db-user", DB_USER), env());

    assertThat(migrate.code()).as(migrate.all()).isZero();
    assertThat(migrate.out()).as(migrate.all()).contains("is at version ");
    assertNoSecrets(migrate);
    assertThat(appliedMigrations(url)).isGreaterThanOrEqualTo(3);
  }

  @Test
  void service_listensOnAllAddresses_passesTheHealthCheck_andStopsOnSigterm() throws Exception {
    String url = freshDatabase();
    Map<String, String> env = env();
    Result init = run(entrypoint("migrate", "--db-url", url, "--db-user", DB_USER), env);
    assertThat(init.code()).as(init.all()).isZero();

    Path out = dir.resolve("service-" + DATABASES.get() + ".out");
    Path err = dir.resolve("service-" + DATABASES.get() + ".err");
    Process service = start(entrypoint("--db-url", url, "--db-user", DB_USER), env, out, err);
    String port = env.get("FLUXO_SERVICE_PORT");
    awaitOutput(service, out, err, "listening on ");

    assertThat(Files.readString(out)).contains("listening on http://0.0.0.0:" + port);
    assertThat(service.info().command().orElse(""))
        .as("the script execs the JVM, which gets the pod's signals")
        .endsWith("/java");
    Result healthy = run(probe(), env);
    assertThat(healthy.code()).as(healthy.all()).isZero();
    assertThat(healthy.out().lines()).hasSize(1);
    assertThat(healthy.out()).startsWith("healthy: 200 ").contains("\"database\":\"ok\"");
    assertThat(status("http://127.0.0.1:" + port + "/v1/flows")).as("auth is on").isEqualTo(401);

    service.destroy(); // SIGTERM, as the kubelet stops a pod
    assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    Result stopped = new Result(service.exitValue(), Files.readString(out), Files.readString(err));
    assertThat(stopped.code()).as(stopped.all()).isIn(0, 143);
    assertThat(stopped.err()).as(stopped.all()).doesNotContain("Exception", "\tat ");
    // its shutdown hook ran: the HTTP server and then the database pool closed
    assertThat(stopped.err())
        .as(stopped.all())
        .contains("Javalin has stopped", "Shutdown completed");
    assertNoSecrets(stopped);
    Result gone = run(probe(), env);
    assertThat(gone.code()).as(gone.all()).isEqualTo(1);
    assertThat(gone.out()).startsWith("unhealthy: no answer from http://127.0.0.1:" + port);
  }

  @Test
  void flowServiceStyleArgs_aLeadingServiceWordAndAnExplicitHost_areAccepted() throws Exception {
    // as a Deployment may write them: `service --host 0.0.0.0 ...`, `service migrate ...`;
    // a second --host from the entrypoint would be a usage error (exit 2)
    Result version = run(entrypoint("service", "--host", "0.0.0.0", "--version"), env());
    Result migrate =
        run(
            entrypoint("service", "migrate", "--db-url", freshDatabase(), "--db-user", DB_USER),
            env());

    assertThat(version.code()).as(version.all()).isZero();
    assertThat(version.out()).startsWith("Fluxo metadata service ");
    assertThat(migrate.code()).as(migrate.all()).isZero();
    assertThat(migrate.out()).contains("is at version ");
  }

  @Test
  void service_withoutToken_exits2_withOneLine() throws Exception {
    Map<String, String> env = env();
    env.remove("FLUXO_SERVICE_TOKEN");

    Result refused = run(entrypoint("--db-url", freshDatabase(), "--db-user", DB_USER), env);

    assertThat(refused.code()).as(refused.all()).isEqualTo(2);
    assertThat(refused.out()).as(refused.all()).isEmpty();
    assertThat(refused.err().lines()).as(refused.all()).hasSize(1);
    assertThat(refused.err())
        .startsWith("Error: Cannot start the service without a token: set FLUXO_SERVICE_TOKEN")
        .doesNotContain("Exception", "\tat ");
    assertNoSecrets(refused);
  }

  @Test
  void service_noAuth_staysOnLoopback_andPassesTheHealthCheck() throws Exception {
    Map<String, String> env = env();
    env.remove("FLUXO_SERVICE_TOKEN");
    String url = freshDatabase();
    Path out = dir.resolve("noauth.out");
    Path err = dir.resolve("noauth.err");

    Process service =
        start(entrypoint("--no-auth", "--db-url", url, "--db-user", DB_USER), env, out, err);
    awaitOutput(service, out, err, "listening on ");

    assertThat(Files.readString(out))
        .contains("listening on http://127.0.0.1:" + env.get("FLUXO_SERVICE_PORT"));
    Result healthy = run(probe(), env);
    assertThat(healthy.code()).as(healthy.all()).isZero();
    service.destroy();
    assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  // --- the image, mapped onto this build ---

  /** The script the stage's ENTRYPOINT runs: the repository file its COPY puts there. */
  private static Path entrypointScript() {
    List<String> entrypoint = json(stage.last("ENTRYPOINT"));
    assertThat(entrypoint).hasSize(1);
    String copied =
        stage.all("COPY").stream()
            .map(copy -> copy.split("\\s+"))
            .filter(words -> words.length == 2 && words[1].equals(entrypoint.get(0)))
            .map(words -> words[0])
            .findFirst()
            .orElseThrow(() -> new AssertionError("no COPY puts " + entrypoint + " in the image"));
    return REPO.resolve(copied);
  }

  private static List<String> entrypoint(String... args) {
    List<String> command = new ArrayList<>(List.of(entrypointScript().toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** The stage's HEALTHCHECK command, as the image spells it. */
  private static List<String> healthcheck() {
    String instruction = stage.last("HEALTHCHECK");
    int cmd = instruction.indexOf("CMD [");
    assertThat(cmd).as("HEALTHCHECK in exec form: " + instruction).isNotNegative();
    return json(instruction.substring(cmd + 4));
  }

  /** The HEALTHCHECK command with its image paths mapped here: what the test runs. */
  private static List<String> probe() {
    List<String> command = new ArrayList<>();
    for (String word : healthcheck()) {
      command.add(
          word.equals("java")
              ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
              : local(word));
    }
    return command;
  }

  /**
   * The environment of a container of the image: the stage's ENV with its paths mapped, HOME, PATH
   * with this JDK's java, the pod's secrets and a free port. Nothing of this JVM's environment
   * (failsafe sets FLUXO_METADATA_TOKEN there).
   */
  private static Map<String, String> env() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    env.put("HOME", local(stage.last("WORKDIR")));
    stage.env().forEach((name, value) -> env.put(name, local(value)));
    env.put("FLUXO_SERVICE_TOKEN", TOKEN);
    env.put("FLUXO_DB_PASSWORD", PASSWORD);
    try (ServerSocket socket = new ServerSocket(0)) {
      env.put("FLUXO_SERVICE_PORT", String.valueOf(socket.getLocalPort()));
    }
    return env;
  }

  /** An image path as this test lays it out: the lib folder and the user's home. */
  private static String local(String imagePath) {
    Map<String, Path> mounts =
        Map.of(stage.env().get("FLUXO_LIB"), lib, stage.last("WORKDIR"), home);
    for (Map.Entry<String, Path> mount : mounts.entrySet()) {
      if (imagePath.equals(mount.getKey()) || imagePath.startsWith(mount.getKey() + "/")) {
        return mount.getValue() + imagePath.substring(mount.getKey().length());
      }
    }
    assertThat(imagePath).as("an image path this test does not map").doesNotStartWith("/");
    return imagePath;
  }

  // --- child processes ---

  private Process start(List<String> command, Map<String, String> env, Path out, Path err)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private Result run(List<String> command, Map<String, String> env) throws Exception {
    String name = "run-" + UUID.randomUUID();
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = start(command, env, out, err);
    assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("%s ended within %s", command, START_TIMEOUT)
        .isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void awaitOutput(Process process, Path out, Path err, String text)
      throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.readString(out).contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "the service did not start ("
                + (process.isAlive() ? "timeout" : "exited")
                + ")\n"
                + new Result(
                        process.isAlive() ? -1 : process.exitValue(),
                        Files.readString(out),
                        Files.readString(err))
                    .all());
      }
      Thread.sleep(100);
    }
  }

  private static void assertNoSecrets(Result result) {
    assertThat(result.out() + result.err()).doesNotContain(TOKEN, PASSWORD);
  }

  private static int status(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  // --- the database ---

  /** A new database owned by a user with a password, as a pod's database would be. */
  private static String freshDatabase() throws SQLException {
    String name = "fluxo_image_" + DATABASES.incrementAndGet();
    try (Connection connection = TestPostgres.cluster().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet role =
          statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + DB_USER + "'")) {
        if (!role.next()) {
          statement.execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
      }
      statement.execute("CREATE DATABASE " + name + " OWNER " + DB_USER);
    }
    return TestPostgres.cluster().getJdbcUrl(DB_USER, name).replaceFirst("\\?.*$", "");
  }

  private static long appliedMigrations(String url) {
    try (Database db = Database.connect(url, DB_USER, PASSWORD)) {
      return org.jdbi.v3.core.Jdbi.create(db.dataSource())
          .withHandle(
              h ->
                  h.createQuery("SELECT count(*) FROM flyway_schema_history WHERE success")
                      .mapTo(Long.class)
                      .one());
    }
  }

  // --- the Dockerfile ---

  private static List<String> readDockerfile() {
    try {
      return Files.readAllLines(REPO.resolve("Dockerfile"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> json(String array) {
    try {
      return TestService.JSON.readValue(array, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new AssertionError("not a JSON array of strings: " + array, e);
    }
  }

  /**
   * One stage of a Dockerfile: its instructions, continuation lines joined and comments dropped.
   *
   * @param from the image after FROM
   * @param instructions the stage's other instructions
   */
  private record Stage(String from, List<String> instructions) {
    /** The instructions of the stage named {@code name} ({@code FROM image AS name}). */
    static Stage parse(List<String> dockerfile, String name) {
      Stage found = null;
      List<String> current = null;
      for (String instruction : instructions(dockerfile)) {
        if (instruction.startsWith("FROM ")) {
          String[] words = instruction.split("\\s+");
          boolean named = words.length == 4 && words[2].equalsIgnoreCase("AS");
          current = named && words[3].equals(name) ? new ArrayList<>() : null;
          if (current != null) {
            found = new Stage(words[1], current);
          }
        } else if (current != null) {
          current.add(instruction);
        }
      }
      assertThat(found).as("a stage named " + name + " in the Dockerfile").isNotNull();
      return found;
    }

    /** What follows each FROM, in order. */
    static List<String> froms(List<String> dockerfile) {
      return instructions(dockerfile).stream()
          .filter(i -> i.startsWith("FROM "))
          .map(i -> i.substring(5).trim())
          .toList();
    }

    private static List<String> instructions(List<String> lines) {
      List<String> instructions = new ArrayList<>();
      StringBuilder pending = new StringBuilder();
      for (String raw : lines) {
        String line = raw.strip();
        if (line.startsWith("#") || (line.isEmpty() && pending.length() == 0)) {
          continue;
        }
        boolean continued = line.endsWith("\\");
        pending.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
        if (!continued) {
          instructions.add(pending.toString().strip().replaceAll("\\s+", " "));
          pending.setLength(0);
        }
      }
      return instructions;
    }

    /** The arguments of each instruction {@code keyword}, in order. */
    List<String> all(String keyword) {
      return instructions.stream()
          .filter(i -> i.startsWith(keyword + " "))
          .map(i -> i.substring(keyword.length() + 1).trim())
          .toList();
    }

    /** The arguments of the stage's last instruction {@code keyword} (the one that counts). */
    String last(String keyword) {
      List<String> all = all(keyword);
      assertThat(all).as(keyword + " in the stage").isNotEmpty();
      return all.get(all.size() - 1);
    }

    /** The variables its ENV instructions set ({@code NAME=value}, unquoted, no spaces). */
    Map<String, String> env() {
      Map<String, String> env = new HashMap<>();
      for (String instruction : all("ENV")) {
        for (String pair : instruction.split(" ")) {
          int equals = pair.indexOf('=');
          assertThat(equals).as("ENV NAME=value: " + instruction).isPositive();
          assertThat(pair).as("an unquoted ENV value").doesNotContain("\"", "'");
          env.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
      return env;
    }
  }
}

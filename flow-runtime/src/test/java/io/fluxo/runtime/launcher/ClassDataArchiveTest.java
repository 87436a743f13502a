package io.fluxo.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which archive options task JVMs get, with the cache in a temporary home. */
class ClassDataArchiveTest {
  @TempDir Path home;
  @TempDir Path jars;
  private String savedHome;

  @BeforeEach
  void useTemporaryHome() {
    savedHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
  }

  @AfterEach
  void restoreHome() {
    System.setProperty("user.home", savedHome);
  }

  @Test
  void firstTaskRecords_othersWait_thenAllMapThePublishedArchive() throws Exception {
    ClassDataArchive archive = ClassDataArchive.forClasspath(classpath(), "light");
    Path[] first = new Path[1];
    Path[] second = new Path[1];

    List<String> recording = archive.options(first);
    List<String> meanwhile = archive.options(second);

    assertThat(recording).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(first[0]).isNotNull();
    assertThat(meanwhile).noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=") || o.startsWith("-XX:SharedArchiveFile="));
    assertThat(second[0]).isNull();

    Files.writeString(first[0], "archive bytes");
    archive.publish(first[0], true);
    Path[] later = new Path[1];
    List<String> mapped = archive.options(later);

    assertThat(first[0]).doesNotExist();
    assertThat(later[0]).isNull();
    assertThat(mapped).filteredOn(o -> o.startsWith("-XX:SharedArchiveFile=")).singleElement()
        .satisfies(o -> assertThat(Path.of(o.substring(o.indexOf('=') + 1))).hasContent("archive bytes"));
  }

  @Test
  void emptyRecording_isDropped_andTheNextTaskRecordsAgain() throws Exception {
    ClassDataArchive archive = ClassDataArchive.forClasspath(classpath(), "light");
    Path[] first = new Path[1];
    archive.options(first);

    archive.publish(first[0], true);
    Path[] next = new Path[1];

    assertThat(archive.options(next)).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
  }

  @Test
  void recordingOfAFailedTask_isDropped_andTheNextTaskRecordsAgain() throws Exception {
    ClassDataArchive archive = ClassDataArchive.forClasspath(classpath(), "heavy");
    Path[] first = new Path[1];
    archive.options(first);
    Files.writeString(first[0], "what a failing task loaded");

    archive.publish(first[0], false);
    Path[] next = new Path[1];

    assertThat(first[0]).doesNotExist();
    assertThat(archive.options(next)).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
  }

  @Test
  void kindsAndClasspaths_haveArchivesOfTheirOwn() throws Exception {
    String classpath = classpath();
    Path light = archivePath(ClassDataArchive.forClasspath(classpath, "light"));
    Path heavy = archivePath(ClassDataArchive.forClasspath(classpath, "heavy"));
    Files.writeString(jars.resolve("b.jar"), "changed");
    Path changed = archivePath(ClassDataArchive.forClasspath(classpath, "light"));

    assertThat(light).isNotEqualTo(heavy);
    assertThat(changed).isNotEqualTo(light);
    assertThat(light.getParent()).isEqualTo(home.resolve(".cache/fluxo/cds"));
  }

  @Test
  void jvmOptions_withJfrAnAgentOrTheirOwnSharing_suitNoArchive() {
    assertThat(ClassDataArchive.suits(List.of("java", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx2g", "-Dspark.x=1")))
        .isTrue();
    for (String option : List.of("-XX:StartFlightRecording=filename=rec.jfr", "-XX:StartFlightRecording", "-XX:+FlightRecorder",
        "-javaagent:agent.jar", "-agentlib:jdwp=transport=dt_socket,server=y", "-agentpath:/opt/profiler.so",
        "-Xshare:off", "-XX:SharedArchiveFile=my.jsa", "-XX:ArchiveClassesAtExit=my.jsa")) {
      assertThat(ClassDataArchive.suits(List.of("java", "-Xmx2g", option))).as(option).isFalse();
    }
  }

  @Test
  void classpathWithADirectory_hasNoArchive() throws Exception {
    assertThat(ClassDataArchive.forClasspath(classpath() + File.pathSeparator + jars, "light")).isNull();
  }

  private String classpath() throws Exception {
    Path a = jars.resolve("a.jar");
    Path b = jars.resolve("b.jar");
    if (!Files.exists(a)) {
      Files.writeString(a, "a");
      Files.writeString(b, "b");
    }
    return a + File.pathSeparator + b;
  }

  /** Where the archive would be: recorded by a first task, published, then named by the option. */
  private static Path archivePath(ClassDataArchive archive) throws Exception {
    Path[] pending = new Path[1];
    archive.options(pending);
    Files.writeString(pending[0], "x");
    archive.publish(pending[0], true);
    String option = archive.options(new Path[1]).stream().filter(o -> o.startsWith("-XX:SharedArchiveFile=")).findFirst().orElseThrow();
    return Path.of(option.substring(option.indexOf('=') + 1));
  }
}

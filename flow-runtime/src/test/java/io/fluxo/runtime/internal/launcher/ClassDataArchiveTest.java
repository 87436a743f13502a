package io.fluxo.runtime.internal.launcher;

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
    assertThat(meanwhile)
        .noneMatch(
            o ->
                o.startsWith("-XX:ArchiveClassesAtExit=")
                    || o.startsWith("-XX:SharedArchiveFile="));
    assertThat(second[0]).isNull();

    Files.writeString(first[0], "archive bytes");
    archive.publish(first[0], true);
    Path[] later = new Path[1];
    List<String> mapped = archive.options(later);

    assertThat(first[0]).doesNotExist();
    assertThat(later[0]).isNull();
    assertThat(mapped)
        .filteredOn(o -> o.startsWith("-XX:SharedArchiveFile="))
        .singleElement()
        .satisfies(
            o -> assertThat(Path.of(o.substring(o.indexOf('=') + 1))).hasContent("archive bytes"));
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
  void publishing_prunesTheCache_toArchivesUsedInADay_mostRecentFirst_withinTheLimit()
      throws Exception {
    ClassDataArchive archive = ClassDataArchive.forClasspath(classpath(), "heavy");
    Path cache = home.resolve(".cache/fluxo/cds");
    long now = System.currentTimeMillis();
    long hour = 3600 * 1000L;
    // sparse files: their size counts, their disk space does not
    Path recent =
        archiveOfSize(
            cache.resolve("recent-heavy.jsa"), ClassDataArchive.CACHE_LIMIT_BYTES / 2, now - hour);
    Path older =
        archiveOfSize(
            cache.resolve("older-heavy.jsa"),
            ClassDataArchive.CACHE_LIMIT_BYTES / 2,
            now - 2 * hour);
    Path small = archiveOfSize(cache.resolve("small-light.jsa"), 1 << 20, now - 3 * hour);
    Path stale = archiveOfSize(cache.resolve("stale-light.jsa"), 1 << 20, now - 25 * hour);
    Path deadRecording =
        archiveOfSize(cache.resolve("x-heavy.jsa.123.tmp"), 1 << 20, now - 25 * hour);
    Path[] recording = new Path[1];
    archive.options(recording);
    Files.writeString(recording[0], "archive bytes");

    archive.publish(recording[0], true);

    assertThat(archive.options(new Path[1])).anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="));
    assertThat(recent).exists();
    assertThat(older).as("beyond the limit").doesNotExist();
    assertThat(small).as("still within the limit").exists();
    assertThat(stale).doesNotExist();
    assertThat(deadRecording).doesNotExist();
  }

  private static Path archiveOfSize(Path file, long size, long lastUsed) throws Exception {
    Files.createDirectories(file.getParent());
    try (var out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(size);
    }
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(lastUsed));
    return file;
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
    assertThat(
            ClassDataArchive.suits(
                List.of(
                    "java",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "-Xmx2g",
                    "-Dspark.x=1")))
        .isTrue();
    for (String option :
        List.of(
            "-XX:StartFlightRecording=filename=rec.jfr",
            "-XX:StartFlightRecording",
            "-XX:+FlightRecorder",
            "-javaagent:agent.jar",
            "-agentlib:jdwp=transport=dt_socket,server=y",
            "-agentpath:/opt/profiler.so",
            "-Xshare:off",
            "-XX:SharedArchiveFile=my.jsa",
            "-XX:ArchiveClassesAtExit=my.jsa")) {
      assertThat(ClassDataArchive.suits(List.of("java", "-Xmx2g", option))).as(option).isFalse();
    }
  }

  @Test
  void classpathWithADirectory_hasNoArchive() throws Exception {
    assertThat(ClassDataArchive.forClasspath(classpath() + File.pathSeparator + jars, "light"))
        .isNull();
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
    String option =
        archive.options(new Path[1]).stream()
            .filter(o -> o.startsWith("-XX:SharedArchiveFile="))
            .findFirst()
            .orElseThrow();
    return Path.of(option.substring(option.indexOf('=') + 1));
  }
}

package io.fluxo.runtime.spi;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a task needs to run away from the launching machine: every entry of the flow's classpath
 * (for {@code java -jar flow.jar}, the one jar), stored content-addressed as {@code
 * <Flow>/code/<sha>.jar} (a folder is first packed into a reproducible jar), and a manifest listing
 * them in classpath order, {@code <Flow>/code/<sha>.json}. An entry already stored is not uploaded
 * again, so a run whose code did not change uploads only the small manifest check. The manifest's
 * key is recorded in the run's metadata ({@link io.fluxo.runtime.spi.RunRecord#codePackage()}).
 *
 * @param key the manifest's datastore key
 * @param entries the stored classpath entries, in classpath order
 */
public record CodePackage(String key, List<Entry> entries) {
  /**
   * Timestamp of every entry of a jar packed from a folder, so equal folders pack to equal bytes.
   */
  private static final FileTime PACKED_TIME = FileTime.fromMillis(315532800000L);

  /**
   * One classpath entry.
   *
   * @param name the entry's file name on the launching machine, e.g. {@code flow.jar} or {@code
   *     classes}
   * @param key its datastore key, {@code <Flow>/code/<sha>.jar}
   * @param size its size in bytes
   */
  public record Entry(String name, String key, long size) {}

  /** The manifest as stored. */
  record Manifest(List<Entry> classpath) {}

  /** Copies the list. */
  public CodePackage {
    entries = List.copyOf(entries);
  }

  /** The entries of this JVM's classpath ({@code java.class.path}) that exist. */
  public static List<Path> currentClasspath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank() && Files.exists(Path.of(entry))) {
        entries.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    return entries;
  }

  /**
   * Stores {@code classpath} for {@code flow} in {@code storage}, skipping entries already there.
   *
   * @throws PlatformException if an entry cannot be read or stored
   */
  public static CodePackage upload(DatastoreStorage storage, String flow, List<Path> classpath) {
    List<Entry> entries = new ArrayList<>();
    for (Path entry : classpath) {
      entries.add(
          Files.isDirectory(entry)
              ? uploadFolder(storage, flow, entry)
              : uploadJar(storage, flow, entry));
    }
    byte[] manifest = Json.write(new Manifest(entries));
    String key = flow + "/code/" + sha256(manifest) + ".json";
    if (!storage.exists(key)) {
      storage.write(key, manifest);
    }
    return new CodePackage(key, entries);
  }

  /** Reads the manifest stored at {@code key}. */
  public static CodePackage read(DatastoreStorage storage, String key) {
    Manifest manifest = Json.read(storage.open(key), Manifest.class, storage.describe(key));
    return new CodePackage(key, manifest.classpath());
  }

  private static Entry uploadJar(DatastoreStorage storage, String flow, Path jar) {
    try {
      String key = flow + "/code/" + sha256(jar) + ".jar";
      if (!storage.exists(key)) {
        Path copy = Files.createTempFile(storage.scratchDir(), "code", ".jar");
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        storage.writeFile(key, copy);
      }
      return new Entry(jar.getFileName().toString(), key, Files.size(jar));
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot store the code package entry %s: %s", jar, e.getMessage());
    }
  }

  private static Entry uploadFolder(DatastoreStorage storage, String flow, Path folder) {
    try {
      Path packed = Files.createTempFile(storage.scratchDir(), "code", ".jar");
      pack(folder, packed);
      String key = flow + "/code/" + sha256(packed) + ".jar";
      long size = Files.size(packed);
      if (storage.exists(key)) {
        Files.delete(packed);
      } else {
        storage.writeFile(key, packed);
      }
      return new Entry(folder.getFileName().toString(), key, size);
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot store the code package entry %s: %s", folder, e.getMessage());
    }
  }

  /** Packs {@code folder} into a jar whose bytes depend only on the files' paths and contents. */
  static void pack(Path folder, Path jar) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Path file : files) {
        ZipEntry entry =
            new ZipEntry(folder.relativize(file).toString().replace(File.separatorChar, '/'));
        entry.setLastModifiedTime(PACKED_TIME);
        entry.setCreationTime(PACKED_TIME);
        entry.setLastAccessTime(PACKED_TIME);
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

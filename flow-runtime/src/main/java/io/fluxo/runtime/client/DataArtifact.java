package io.fluxo.runtime.client;

import io.fluxo.runtime.spi.ArtifactRef;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * One artifact of a task, like {@code metaflow.DataArtifact}: its name, stored type and size are
 * known at once; its value is read from the datastore on each call to {@link #value()}, with the
 * thread's context class loader.
 */
public final class DataArtifact {
  private final ClientStores stores;
  private final String taskPathspec;
  private final String name;
  private final ArtifactRef ref;

  DataArtifact(ClientStores stores, String taskPathspec, String name, ArtifactRef ref) {
    this.stores = stores;
    this.taskPathspec = taskPathspec;
    this.name = name;
    this.ref = ref;
  }

  /** The artifact's name: the flow's field name. */
  public String name() {
    return name;
  }

  /** The {@code Flow/run/step/task} of the task that holds it. */
  public String taskPathspec() {
    return taskPathspec;
  }

  /** The class name of the stored value, or {@code null} for a null value. */
  public String type() {
    return ref.type();
  }

  /** The stored (encoded, compressed) size in bytes. */
  public long storedSize() {
    return ref.size();
  }

  /** The SHA-256 of the stored bytes: equal values of one flow share one blob. */
  public String sha() {
    return ref.sha();
  }

  /**
   * Reads the value.
   *
   * @throws io.fluxo.runtime.error.PlatformException if the blob is missing or corrupted, naming
   *     its location, or the value's class cannot be loaded
   */
  public Object value() {
    return stores.value(ref);
  }

  /**
   * The value for display: for a value stored in its own format (a Spark Dataset or model, see
   * {@link io.fluxo.runtime.spi.ExternalValue}), its one-line description (format, location,
   * schema, size, first rows), read without opening it; otherwise the value itself.
   *
   * @throws io.fluxo.runtime.error.PlatformException as {@link #value()}
   */
  public Object preview() {
    return stores.preview(ref);
  }

  /**
   * Reads the value as a {@code type}; a primitive type stands for its wrapper.
   *
   * @throws IllegalArgumentException if the value is not a {@code type}, naming its actual type, or
   *     is null and {@code type} is primitive
   * @throws io.fluxo.runtime.error.PlatformException as {@link #value()}
   */
  public <T> T value(Class<T> type) {
    Object value = value();
    @SuppressWarnings("unchecked")
    Class<T> boxed = (Class<T>) MethodType.methodType(type).wrap().returnType();
    if (value == null ? type.isPrimitive() : !boxed.isInstance(value)) {
      throw new IllegalArgumentException(
          "Cannot read artifact "
              + name
              + " of "
              + taskPathspec
              + " as "
              + type.getName()
              + ": its value is "
              + (value == null ? "null" : "a " + value.getClass().getName()));
    }
    return boxed.cast(value);
  }

  /**
   * Reads the value as a field declared {@code declared} (e.g. {@code Dataset<Flight>} or {@code
   * Map<String, Double>}) reads it in a task: a value stored in its own format is opened for that
   * type, and the value must be an instance of its erasure; a primitive type stands for its
   * wrapper. Type arguments are not checked, as for a cast. Typed run clients ({@code <Flow>Run})
   * read through this.
   *
   * @throws IllegalArgumentException if the value does not fit {@code declared}, naming its actual
   *     type, or is null and {@code declared} is primitive
   * @throws io.fluxo.runtime.error.PlatformException as {@link #value()}
   */
  public Object value(Type declared) {
    Object value = stores.value(ref, declared);
    Class<?> raw = erasure(declared);
    Class<?> boxed = MethodType.methodType(raw).wrap().returnType();
    if (value == null ? raw.isPrimitive() : !boxed.isInstance(value)) {
      throw new IllegalArgumentException(
          "Cannot read artifact "
              + name
              + " of "
              + taskPathspec
              + " as "
              + declared.getTypeName()
              + ": its value is "
              + (value == null ? "null" : "a " + value.getClass().getName()));
    }
    return value;
  }

  /** {@code DataArtifact(Flow/run/step/task/name)}. */
  @Override
  public String toString() {
    return "DataArtifact(" + taskPathspec + "/" + name + ")";
  }

  private static Class<?> erasure(Type type) {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType parameterized) {
      return erasure(parameterized.getRawType());
    }
    if (type instanceof GenericArrayType array) {
      return erasure(array.getGenericComponentType()).arrayType();
    }
    return Object.class;
  }
}

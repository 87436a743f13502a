package io.fluxo.spark;

import java.nio.ByteBuffer;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A model serialized the way Spark ships it to executors (Spark's {@link JavaSerializer}): read
 * back in milliseconds and without a Spark job, but only by the classes that wrote it. MLlib's own
 * format stays the portable one. Reading a snapshot runs Java deserialization: read only snapshots
 * written where your code could have written.
 */
final class ModelSnapshot {
  /** Models whose snapshot would be larger than this get none. */
  static final int MAX_BYTES = 32 << 20;

  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);

  private ModelSnapshot() {}

  /**
   * {@code model}'s snapshot, or null if it is not serializable or larger than {@link #MAX_BYTES}.
   */
  static byte[] of(Object model) {
    try {
      ByteBuffer bytes = serializer().serialize(model, ANY);
      return bytes.remaining() <= MAX_BYTES ? JavaUtils.bufferToArray(bytes) : null;
    } catch (Exception e) { // NotSerializableException, thrown through Scala undeclared
      return null; // a field that Spark never ships: MLlib's format is enough
    }
  }

  /**
   * The model in {@code snapshot} if this JVM's classes read it and it is a {@code className}; else
   * null.
   */
  static Object read(byte[] snapshot, String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Object model = serializer().deserialize(ByteBuffer.wrap(snapshot), loader, ANY);
      return model.getClass().getName().equals(className) ? model : null;
    } catch (Exception | LinkageError e) { // InvalidClassException, ClassNotFoundException, ...
      return null; // classes of another Spark version
    }
  }

  private static SerializerInstance serializer() {
    return new JavaSerializer(Spark.session().sparkContext().getConf()).newInstance();
  }
}

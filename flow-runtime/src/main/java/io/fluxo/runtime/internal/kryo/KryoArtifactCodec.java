package io.fluxo.runtime.internal.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.util.Pool;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.runtime.internal.datastore.ArtifactCodec;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Kryo 5 encoding of artifact values: any class, no registration, shared references kept, immutable
 * JDK collections and records supported. Classes are resolved with the thread's context class
 * loader, so flow classes load in tasks and in the client API.
 */
public final class KryoArtifactCodec implements ArtifactCodec {
  private final Pool<Kryo> pool =
      new Pool<>(true, false, 8) {
        @Override
        protected Kryo create() {
          Kryo kryo = new Kryo();
          kryo.setRegistrationRequired(false);
          kryo.setReferences(true);
          kryo.setInstantiatorStrategy(
              new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
          ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
          ClassLoader loader = Thread.currentThread().getContextClassLoader();
          if (loader != null) {
            kryo.setClassLoader(loader);
          }
          return kryo;
        }
      };

  @Override
  public void encode(Object value, OutputStream out) {
    Kryo kryo = pool.obtain();
    try {
      Output output = new Output(out, 1 << 16);
      kryo.writeClassAndObject(output, value);
      output.flush();
    } catch (KryoException e) {
      throw new UserCodeException(
          e,
          "Cannot serialize a value of type %s: %s",
          value == null ? "null" : value.getClass().getName(),
          e.getMessage());
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  public Object decode(InputStream in) {
    Kryo kryo = pool.obtain();
    try {
      return kryo.readClassAndObject(new Input(in, 1 << 16));
    } catch (KryoException e) {
      throw new PlatformException(e, "Cannot deserialize an artifact: %s", e.getMessage());
    } finally {
      pool.free(kryo);
    }
  }
}

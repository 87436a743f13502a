package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.spi.DatastoreStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends DatastoreStorageContract {
  @TempDir Path root;

  @Override
  protected DatastoreStorage storage() {
    return new LocalStorage(root);
  }
}

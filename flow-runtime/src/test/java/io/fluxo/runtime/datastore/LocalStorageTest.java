package io.fluxo.runtime.datastore;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends DatastoreStorageContract {
  @TempDir Path root;

  @Override
  protected DatastoreStorage storage() {
    return new LocalStorage(root);
  }
}

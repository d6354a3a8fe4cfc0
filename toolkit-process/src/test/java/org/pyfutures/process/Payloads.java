package org.pyfutures.process;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** Values that fail to copy at a chosen point: the Java counterparts of CPython's ErrorAtPickle and friends. */
final class Payloads {
  private Payloads() {}

  /** Cannot be serialized, wherever it is written. */
  static final class FailsToWrite implements KryoSerializable, Serializable {
    @Override
    public void write(Kryo kryo, Output output) {
      throw new IllegalStateException("FailsToWrite cannot be written");
    }

    @Override
    public void read(Kryo kryo, Input input) {}
  }

  /** Serializes, but cannot be read back, wherever it is read. */
  static final class FailsToRead implements KryoSerializable, Serializable {
    @Override
    public void write(Kryo kryo, Output output) {
      output.writeInt(42);
    }

    @Override
    public void read(Kryo kryo, Input input) {
      input.readInt();
      throw new IllegalStateException("FailsToRead cannot be read");
    }
  }

  /** Writes 4 MiB, then cannot be read: the reader must skip the rest of a large payload to stay in step. */
  static final class LargeFailsToRead implements KryoSerializable, Serializable {
    @Override
    public void write(Kryo kryo, Output output) {
      byte[] padding = new byte[4 << 20];
      output.writeVarInt(padding.length, true);
      output.writeBytes(padding);
    }

    @Override
    public void read(Kryo kryo, Input input) {
      throw new IllegalStateException("LargeFailsToRead cannot be read");
    }
  }

  /** Ends the JVM that reads it: only ever sent to a worker. */
  static final class ExitsWhenRead implements KryoSerializable, Serializable {
    @Override
    public void write(Kryo kryo, Output output) {}

    @Override
    public void read(Kryo kryo, Input input) {
      System.exit(5);
    }
  }

  /** An exception that is written fine but cannot be rebuilt where it is read. */
  static final class UnrebuildableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnrebuildableException(String message) {
      super(message);
    }

    private void readObject(ObjectInputStream in) throws IOException {
      throw new InvalidObjectException("UnrebuildableException never comes back");
    }
  }

  /**
   * Runs {@link #onRead} before reading its bytes, so a test can act while the pool reads a reply. The hook is set
   * in the test's JVM only; a worker never sees one.
   */
  static final class HookedOnRead implements KryoSerializable, Serializable {
    static volatile Runnable onRead;
    private byte[] bytes;

    private HookedOnRead() {}

    HookedOnRead(int size) {
      bytes = new byte[size];
    }

    int size() {
      return bytes.length;
    }

    /** Makes the pool's next read of one kill the worker {@code pid} and wait (bounded) until it has exited. */
    static void killWorkerOnRead(long pid) {
      onRead =
          () -> {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join());
          };
    }

    @Override
    public void write(Kryo kryo, Output output) {
      output.writeVarInt(bytes.length, true);
      output.writeBytes(bytes);
    }

    @Override
    public void read(Kryo kryo, Input input) {
      int length = input.readVarInt(true);
      Runnable hook = onRead;
      if (hook != null) {
        hook.run();
      }
      bytes = input.readBytes(length);
    }
  }

  /** A value with a payload of a given size. */
  record Blob(byte[] bytes) implements Serializable {}
}

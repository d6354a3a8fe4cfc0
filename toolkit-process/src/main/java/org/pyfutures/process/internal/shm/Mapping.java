package org.pyfutures.process.internal.shm;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * One side's mapping of a shared file: a {@value #HEADER_BYTES}-byte header, whose first long is how far the
 * receiver has consumed the ring (written with release semantics by the receiver, read with acquire semantics by
 * the sender), then the ring of payload bytes.
 *
 * <p>How it is unmapped depends on the JDK running it. From JDK 22 on, the file is mapped into a shared FFM
 * {@code Arena} and {@link #close} unmaps it at once. On JDK 21, where that API is a preview, it is a
 * {@code MappedByteBuffer}, unmapped when the collector frees it, and {@code close} only drops it. The FFM calls
 * are made through method handles, so the one class file serves both, and a test run on either JDK exercises the
 * path that JDK's users get (a multi-release jar's JDK 22 classes would run only from the jar, never in the build's
 * tests, which load classes from directories).
 *
 * <p>Not thread-safe: its owner serializes access and closing.
 */
final class Mapping implements AutoCloseable {
  static final int HEADER_BYTES = 64;
  private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final Ffm FFM = Ffm.find();

  private final ByteBuffer whole;
  private final ByteBuffer ring;
  private final AutoCloseable arena;

  private Mapping(ByteBuffer whole, AutoCloseable arena) {
    this.whole = whole;
    this.ring = whole.slice(HEADER_BYTES, whole.capacity() - HEADER_BYTES);
    this.arena = arena;
  }

  /**
   * Maps all of {@code channel}, read-write; the mapping outlives the channel.
   *
   * @throws IOException if it cannot be mapped
   */
  static Mapping map(FileChannel channel, long size) throws IOException {
    if (size <= HEADER_BYTES || size > Integer.MAX_VALUE) {
      throw new IOException("a shared file of " + size + " bytes");
    }
    if (FFM != null) {
      return FFM.map(channel, size);
    }
    return new Mapping(channel.map(FileChannel.MapMode.READ_WRITE, 0, size), null);
  }

  /** Whether mappings are unmapped by {@link #close} (JDK 22 and later) rather than by the collector. */
  static boolean unmapsOnClose() {
    return FFM != null;
  }

  /** The ring: position 0, capacity the file's size less the header. Absolute gets and puts only. */
  ByteBuffer ring() {
    return ring;
  }

  int capacity() {
    return ring.capacity();
  }

  /** How far the receiver has consumed, read with acquire semantics. */
  long consumed() {
    return (long) LONGS.getAcquire(whole, 0);
  }

  /** Records how far the receiver has consumed, with release semantics: its reads of the ring come before. */
  void consumed(long end) {
    LONGS.setRelease(whole, 0, end);
  }

  @Override
  public void close() {
    if (arena != null) {
      try {
        arena.close();
      } catch (Exception e) {
        SharedMemory.debug("unmapping a shared file", e);
      }
    }
  }

  /** {@code Arena.ofShared()}, {@code FileChannel.map(mode, offset, size, arena)} and {@code asByteBuffer()}. */
  private record Ffm(MethodHandle ofShared, MethodHandle map, MethodHandle asByteBuffer) {
    static Ffm find() {
      if (Runtime.version().feature() < 22) {
        return null;
      }
      try {
        Class<?> arena = Class.forName("java.lang.foreign.Arena");
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        return new Ffm(
            lookup.findStatic(arena, "ofShared", MethodType.methodType(arena)),
            lookup.findVirtual(
                FileChannel.class,
                "map",
                MethodType.methodType(segment, FileChannel.MapMode.class, long.class, long.class, arena)),
            lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)));
      } catch (ReflectiveOperationException | RuntimeException e) {
        SharedMemory.debug("no FFM mappings; shared files are unmapped by the collector", e);
        return null;
      }
    }

    Mapping map(FileChannel channel, long size) throws IOException {
      AutoCloseable arena;
      try {
        arena = (AutoCloseable) ofShared.invoke();
      } catch (Throwable t) {
        throw new IOException("cannot make an arena", t);
      }
      try {
        Object segment = map.invoke(channel, FileChannel.MapMode.READ_WRITE, 0L, size, arena);
        return new Mapping((ByteBuffer) asByteBuffer.invoke(segment), arena);
      } catch (Throwable t) {
        try {
          arena.close();
        } catch (Exception e) {
          t.addSuppressed(e);
        }
        if (t instanceof IOException io) {
          throw io;
        }
        throw new IOException("cannot map a shared file", t);
      }
    }
  }
}

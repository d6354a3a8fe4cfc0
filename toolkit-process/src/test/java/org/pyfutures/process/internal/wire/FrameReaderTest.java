package org.pyfutures.process.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wire format: frames are self-contained, and anything that is not a frame is an error, never a guess. */
@Timeout(30)
class FrameReaderTest {
  private final Kryo kryo = new KryoFactory(getClass().getClassLoader(), null).newKryo();

  public static final class Unreadable implements KryoSerializable {
    @Override
    public void write(Kryo kryo, Output output) {
      output.writeString("some state");
    }

    @Override
    public void read(Kryo kryo, Input input) {
      throw new IllegalStateException("cannot read this");
    }
  }

  private static FrameReader reader(EncodedFrame... frames) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (EncodedFrame f : frames) {
      f.writeTo(bytes);
    }
    return new FrameReader(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void aReplyCarriesItsCostBeforeItsValue() throws Exception {
    EncodedFrame reply = EncodedFrame.ofReply(kryo, Frame.RESULT, 3, "value");
    reply.setReplyCost(123_456_789_012L, 42);
    FrameReader in = reader(reply, EncodedFrame.ofPayload(Frame.RESULT, 4, new byte[4]));
    Frame frame = in.next();
    assertEquals(reply.payloadLength(), frame.length());
    assertArrayEquals(new long[] {123_456_789_012L, 42}, in.readReplyCost());
    assertEquals("value", in.decodePayload(kryo));
    in.next();
    assertThrows(CorruptStreamException.class, in::readReplyCost);
  }

  @Test
  void framesRoundTripAndTheStreamEndsCleanlyBetweenThem() throws Exception {
    FrameReader in =
        reader(
            EncodedFrame.of(kryo, Frame.TASK, 7, List.of("a", 1)),
            EncodedFrame.ofPayload(Frame.READY, 0, new byte[] {1, 2, 3}));
    Frame first = in.next();
    assertEquals(new Frame(Frame.TASK, 7, first.length()), first);
    assertEquals(List.of("a", 1), in.decodePayload(kryo));
    assertEquals(new Frame(Frame.READY, 0, 3), in.next());
    assertArrayEquals(new byte[] {1, 2, 3}, in.readPayload());
    assertNull(in.next());
  }

  @Test
  void aPayloadThatCannotBeDecodedLeavesTheNextFrameReadable() throws Exception {
    FrameReader in =
        reader(EncodedFrame.of(kryo, Frame.RESULT, 1, new Unreadable()), EncodedFrame.of(kryo, Frame.RESULT, 2, "ok"));
    in.next();
    UndecodablePayloadException e = assertThrows(UndecodablePayloadException.class, () -> in.decodePayload(kryo));
    assertTrue(String.valueOf(e.getCause()).contains("cannot read this") || e.getCause().getCause() != null);
    assertEquals(2, in.next().id());
    assertEquals("ok", in.decodePayload(kryo));
  }

  @Test
  void anUnreadPayloadIsSkipped() throws Exception {
    FrameReader in =
        reader(EncodedFrame.of(kryo, Frame.RESULT, 1, "skipped"), EncodedFrame.of(kryo, Frame.RESULT, 2, "read"));
    in.next();
    assertEquals(2, in.next().id());
    assertEquals("read", in.decodePayload(kryo));
  }

  @Test
  void aPayloadLargerThanManyChunksRoundTrips() throws Exception {
    byte[] big = new byte[5 << 20];
    Arrays.fill(big, (byte) 7);
    FrameReader in = reader(EncodedFrame.of(kryo, Frame.TASK, 3, big));
    in.next();
    assertArrayEquals(big, (byte[]) in.decodePayload(kryo));
  }

  @Test
  void bytesThatAreNotAFrameAreReportedWithWhatTheySaid() {
    byte[] junk = "Hello from a native library\n".getBytes(StandardCharsets.US_ASCII);
    FrameReader in = new FrameReader(new ByteArrayInputStream(junk));
    CorruptStreamException e = assertThrows(CorruptStreamException.class, in::next);
    assertTrue(e.getMessage().contains("Hello from a native library"), e::getMessage);
  }

  @Test
  void aHeaderWhoseLengthDoesNotCheckOutIsCorrupt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EncodedFrame.ofPayload(Frame.RESULT, 1, new byte[4]).writeTo(bytes);
    byte[] frame = bytes.toByteArray();
    frame[14] ^= 0x40;
    FrameReader in = new FrameReader(new ByteArrayInputStream(frame));
    CorruptStreamException e = assertThrows(CorruptStreamException.class, in::next);
    assertTrue(e.getMessage().contains("invalid length"), e::getMessage);
  }

  @Test
  void aStreamThatEndsInsideAPayloadIsAnIoErrorNotADecodingError() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EncodedFrame.of(kryo, Frame.RESULT, 1, "a string that will be cut short").writeTo(bytes);
    byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 5);
    FrameReader in = new FrameReader(new ByteArrayInputStream(cut));
    in.next();
    assertThrows(EOFException.class, () -> in.decodePayload(kryo));
  }

  @Test
  void aStreamThatEndsInsideAHeaderIsCorrupt() {
    FrameReader in = new FrameReader(new ByteArrayInputStream(new byte[] {0x50, 0x59, 0x46}));
    assertThrows(CorruptStreamException.class, in::next);
  }

  @Test
  void largeArraysAmongSmallValuesRoundTripAsChunksOfTheirOwn() throws Exception {
    List<Object> value = new ArrayList<>();
    java.util.Random random = new java.util.Random(5);
    for (int size : new int[] {100_000, 3, 2 << 20, 70_000, 65_536, 300, (1 << 20) + 1}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      value.add(bytes);
      value.add("after " + size);
    }
    FrameReader in = reader(EncodedFrame.ofReply(kryo, Frame.RESULT, 1, value), EncodedFrame.of(kryo, Frame.TASK, 2, "next"));
    in.next();
    in.readReplyCost();
    @SuppressWarnings("unchecked")
    List<Object> back = (List<Object>) in.decodePayload(kryo);
    assertEquals(value.size(), back.size());
    for (int i = 0; i < value.size(); i += 2) {
      assertArrayEquals((byte[]) value.get(i), (byte[]) back.get(i), "array " + i);
      assertEquals(value.get(i + 1), back.get(i + 1));
    }
    assertEquals(2, in.next().id());
  }

  /** Regions on the heap: one buffer per generation; records what was consumed. */
  private static final class HeapRegions implements SharedRegions {
    final List<ByteBuffer> generations = new ArrayList<>();
    final List<Long> consumed = new ArrayList<>();

    @Override
    public ByteBuffer region(int generation, long position, int length) throws IOException {
      if (generation > generations.size()) {
        throw new IOException("no generation " + generation);
      }
      return generations.get(generation - 1).slice((int) position, length);
    }

    @Override
    public void consumed(long end) {
      consumed.add(end);
    }
  }

  /** A shared frame for {@code frame}'s payload, put at {@code position} of a new generation of {@code regions}. */
  private static EncodedFrame share(HeapRegions regions, EncodedFrame frame, int position) {
    ByteBuffer ring = ByteBuffer.allocate(position + (int) frame.payloadLength());
    frame.copyPayloadTo(ring, position);
    regions.generations.add(ring);
    return EncodedFrame.ofShared(frame.type(), frame.id(), regions.generations.size(), position, (int) frame.payloadLength());
  }

  @Test
  void aSharedFrameIsReadFromItsRegionAsItsPlainTypeAndMarkedConsumed() throws Exception {
    HeapRegions regions = new HeapRegions();
    EncodedFrame task = EncodedFrame.of(kryo, Frame.TASK, 7, "in the mapping");
    EncodedFrame reply = EncodedFrame.ofReply(kryo, Frame.RESULT, 8, List.of(1, 2));
    reply.setReplyCost(11, 12);
    FrameReader in =
        reader(share(regions, task, 100), share(regions, reply, 0), EncodedFrame.of(kryo, Frame.TASK, 9, "piped"));
    in.useSharedRegions(regions);
    assertEquals(new Frame(Frame.TASK, 7, (int) task.payloadLength()), in.next());
    assertEquals("in the mapping", in.decodePayload(kryo));
    assertEquals(List.of(100 + task.payloadLength()), regions.consumed);
    assertEquals(new Frame(Frame.RESULT, 8, (int) reply.payloadLength()), in.next());
    assertArrayEquals(new long[] {11, 12}, in.readReplyCost());
    assertEquals(List.of(1, 2), in.decodePayload(kryo));
    assertEquals(Frame.TASK, in.next().type());
    assertEquals("piped", in.decodePayload(kryo));
    assertNull(in.next());
    assertEquals(List.of(100 + task.payloadLength(), reply.payloadLength()), regions.consumed);
  }

  @Test
  void anUnreadSharedPayloadIsStillMarkedConsumed() throws Exception {
    HeapRegions regions = new HeapRegions();
    EncodedFrame task = EncodedFrame.of(kryo, Frame.TASK, 7, "skipped");
    FrameReader in = reader(share(regions, task, 5), EncodedFrame.of(kryo, Frame.TASK, 8, "next"));
    in.useSharedRegions(regions);
    in.next();
    assertEquals(8, in.next().id());
    assertEquals(List.of(5 + task.payloadLength()), regions.consumed);
  }

  @Test
  void aSharedPayloadThatCannotBeOpenedFailsItsOwnFrameOnly() throws Exception {
    HeapRegions regions = new HeapRegions();
    EncodedFrame lost = EncodedFrame.ofShared(Frame.TASK, 7, 3, 0, 1000);
    FrameReader in = reader(lost, EncodedFrame.of(kryo, Frame.TASK, 8, "next"));
    in.useSharedRegions(regions);
    assertEquals(new Frame(Frame.TASK, 7, 1000), in.next());
    UndecodablePayloadException e = assertThrows(UndecodablePayloadException.class, () -> in.decodePayload(kryo));
    assertTrue(e.getCause().getMessage().contains("unreadable"), e.getCause()::getMessage);
    assertEquals("next", in.next() == null ? null : in.decodePayload(kryo));
    assertEquals(List.of(), regions.consumed, "nothing was mapped, so nothing is consumed");
  }

  @Test
  void aSharedFrameWhereNothingIsSharedOrOfATypeThatIsNeverSharedIsCorrupt() throws Exception {
    EncodedFrame shared = EncodedFrame.ofShared(Frame.TASK, 7, 1, 0, 10);
    assertThrows(CorruptStreamException.class, () -> reader(shared).next(), "a reader without regions");
    FrameReader ready = reader(EncodedFrame.ofShared(Frame.READY, 0, 1, 0, 10));
    ready.useSharedRegions(new HeapRegions());
    assertThrows(CorruptStreamException.class, ready::next);
  }
}

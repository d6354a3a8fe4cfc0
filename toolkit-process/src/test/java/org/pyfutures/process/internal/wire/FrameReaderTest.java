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
import java.nio.charset.StandardCharsets;
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
}

package org.pyfutures.process.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker's replies share one output: small ones allocate no buffer, and no reply sees another's bytes. */
@Timeout(30)
class ReplyEncoderTest {
  private final Kryo kryo = new KryoFactory(getClass().getClassLoader(), null).newKryo();
  private final ReplyEncoder encoder = new ReplyEncoder(null);
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

  public static final class FailsHalfway implements KryoSerializable {
    @Override
    public void write(Kryo kryo, Output output) {
      output.writeBytes(new byte[1000]);
      throw new IllegalStateException("cannot write this");
    }

    @Override
    public void read(Kryo kryo, Input input) {}
  }

  private void send(long id, Object value) throws Exception {
    EncodedFrame frame = encoder.encode(kryo, Frame.RESULT, id, value);
    frame.setReplyCost(id, id * 10);
    frame.writeTo(wire);
  }

  @Test
  void smallRepliesReuseOneBuffer() {
    byte[] first = encoder.encode(kryo, Frame.RESULT, 1, 1).firstChunk();
    assertSame(first, encoder.encode(kryo, Frame.RESULT, 2, "two").firstChunk());
    encoder.encode(kryo, Frame.RESULT, 3, new byte[100_000]);
    assertSame(first, encoder.encode(kryo, Frame.RESULT, 4, 4).firstChunk());
  }

  @Test
  void repliesOfEverySizeInTurnArriveIntact() throws Exception {
    byte[] large = new byte[300_000];
    Arrays.fill(large, (byte) 7);
    byte[] medium = new byte[3_000];
    Arrays.fill(medium, (byte) 5);
    send(1, "small");
    send(2, large);
    send(3, 3);
    send(4, medium);
    assertThrows(IllegalStateException.class, () -> encoder.encode(kryo, Frame.RESULT, 5, new FailsHalfway()));
    send(6, "after a failure");
    FrameReader in = new FrameReader(new ByteArrayInputStream(wire.toByteArray()));
    Object[] expected = {"small", large, 3, medium, "after a failure"};
    long[] ids = {1, 2, 3, 4, 6};
    for (int i = 0; i < ids.length; i++) {
      assertEquals(ids[i], in.next().id());
      assertArrayEquals(new long[] {ids[i], ids[i] * 10}, in.readReplyCost());
      Object value = in.decodePayload(kryo);
      if (expected[i] instanceof byte[] bytes) {
        assertArrayEquals(bytes, (byte[]) value);
      } else {
        assertEquals(expected[i], value);
      }
    }
  }
}

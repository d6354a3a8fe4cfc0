package org.pyfutures.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FramesTest {
  @Test
  void joinedFramesSplitBackInOrder() {
    byte[][] frames = {{1, 2}, {}, {3}};
    byte[][] split = Frames.split(Frames.join(frames.clone(), Frames.MAX_BYTES, i -> new byte[0]), 3);
    for (int i = 0; i < frames.length; i++) {
      assertArrayEquals(frames[i], split[i]);
    }
  }

  @Test
  void aFrameThatWouldPassTheLimitIsReplacedAndOnlyIt() {
    byte[][] frames = {new byte[10], new byte[10], new byte[10], new byte[1]};
    // Count and first two frames take 4 + 2 * 14 = 32 bytes; the third would take the answer to 46, the fourth fits.
    byte[] joined = Frames.join(frames, 45, i -> new byte[] {(byte) (100 + i)});
    byte[][] split = Frames.split(joined, 4);
    assertEquals(10, split[0].length);
    assertEquals(10, split[1].length);
    assertArrayEquals(new byte[] {102}, split[2]);
    assertEquals(1, split[3].length);
    assertTrue(joined.length <= 45, joined.length + " bytes");
  }

  @Test
  void aHugeFrameLengthIsMalformedNotAnAllocation() {
    byte[] bytes = ByteBuffer.allocate(12).putInt(1).putInt(Integer.MAX_VALUE).putInt(0).array();
    assertThrows(IllegalStateException.class, () -> Frames.split(bytes, 1));
  }

  @Test
  void aNegativeOrTruncatedFrameLengthIsMalformed() {
    byte[] negative = ByteBuffer.allocate(8).putInt(1).putInt(-1).array();
    assertThrows(IllegalStateException.class, () -> Frames.split(negative, 1));
    byte[] truncated = ByteBuffer.allocate(9).putInt(1).putInt(5).put((byte) 0).array();
    assertThrows(IllegalStateException.class, () -> Frames.split(truncated, 1));
    assertThrows(IllegalStateException.class, () -> Frames.split(new byte[2], 1));
  }

  @Test
  void noAnswerAtAllIsMalformed() {
    assertThrows(IllegalStateException.class, () -> Frames.split(null, 2));
  }

  @Test
  void aWrongCountIsMalformed() {
    byte[] joined = Frames.join(new byte[][] {{1}}, Frames.MAX_BYTES, i -> new byte[0]);
    assertThrows(IllegalStateException.class, () -> Frames.split(joined, 2));
  }
}

package org.pyfutures.process.internal.wire;

import com.esotericsoftware.kryo.kryo5.Kryo;

/**
 * Encodes a worker's replies into one reused output, so that a small reply allocates no buffer of its own: the
 * frame it returns shares that output's first chunk. Not thread-safe; each frame must be written before the next
 * one is encoded.
 */
public final class ReplyEncoder {
  private final ChunkedOutput output;

  /**
   * An encoder whose large replies go to {@code spill}.
   *
   * @param spill where a large payload goes, or null
   */
  public ReplyEncoder(Spill spill) {
    this.output = new ChunkedOutput(spill, Frame.HEADER_BYTES);
  }

  /**
   * As {@link EncodedFrame#ofReply(Kryo, byte, long, Object, Spill)}; invalidates the frame this encoder returned
   * last.
   *
   * @throws RuntimeException or any error from serializing {@code value}; the Kryo must then be discarded
   */
  public EncodedFrame encode(Kryo kryo, byte type, long id, Object value) {
    output.restart(Frame.HEADER_BYTES + Frame.REPLY_COST_BYTES);
    return EncodedFrame.encodeReply(output, kryo, type, id, value);
  }
}

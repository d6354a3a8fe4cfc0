package org.pyfutures.process.internal.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyfutures.process.internal.wire.EncodedFrame;
import org.pyfutures.process.internal.wire.Frame;
import org.pyfutures.process.internal.wire.FrameReader;
import org.pyfutures.process.internal.wire.KryoFactory;

/**
 * One channel in one process, sender and receiver each with its own mapping of the files, the frames passing
 * through a byte stream as they would through the pipe: payloads arrive intact however many are in flight, the
 * ring is reused once consumed, files are 0600 and unlinked on mapping, and a file system without room sends
 * payloads down the pipe.
 */
@Timeout(60)
class SharedChannelTest {
  private static final int THRESHOLD = 1 << 20;
  private final Kryo kryo = new KryoFactory(SharedChannelTest.class.getClassLoader(), null).newKryo();

  @TempDir Path directory;

  private static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }

  /** The frames as the receiver reads them from the pipe: the decoded payloads. */
  private List<Object> receive(SharedReceiver receiver, List<EncodedFrame> frames) throws Exception {
    ByteArrayOutputStream pipe = new ByteArrayOutputStream();
    for (EncodedFrame frame : frames) {
      frame.writeTo(pipe);
    }
    FrameReader reader = new FrameReader(new ByteArrayInputStream(pipe.toByteArray()));
    reader.useSharedRegions(receiver);
    List<Object> values = new ArrayList<>();
    for (Frame frame; (frame = reader.next()) != null; ) {
      assertEquals(Frame.TASK, frame.type());
      values.add(reader.decodePayload(kryo));
    }
    return values;
  }

  private static final long SELF = ProcessHandle.current().pid();

  /** The pool's end that sends tasks to the worker with this process's pid. */
  private static SharedSender tasks(SharedMemory memory) {
    return memory.link(SELF).sender();
  }

  private EncodedFrame task(long id, Object value) {
    return EncodedFrame.of(kryo, Frame.TASK, id, value);
  }

  private static boolean shared(EncodedFrame frame) {
    return (frame.type() & Frame.SHARED) != 0;
  }

  @Test
  void filesAreOwnerOnlyAndGoneOnceTheReceiverHasMappedThem() throws Exception {
    SharedMemory memory = SharedMemory.forTest(directory, THRESHOLD, () -> Long.MAX_VALUE);
    SharedSender sender = tasks(memory);
    byte[] bytes = random(1, 3 << 20);
    EncodedFrame sent = sender.divert(task(1, bytes));
    assertTrue(shared(sent));
    List<Path> made = files();
    assertEquals(1, made.size(), made::toString);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.get(0))));
    assertArrayEquals(bytes, (byte[]) receive(memory.workerReceiver(), List.of(sent)).get(0));
    assertEquals(List.of(), files(), "unlinked once mapped");
    sender.close();
  }

  @Test
  void payloadsInFlightAreNeverOverwrittenAndAConsumedRingIsReused() throws Exception {
    SharedMemory memory = SharedMemory.forTest(directory, THRESHOLD, () -> Long.MAX_VALUE);
    SharedSender sender = tasks(memory);
    SharedReceiver receiver = memory.workerReceiver();
    List<byte[]> values = new ArrayList<>();
    List<EncodedFrame> inFlight = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      values.add(random(10 + i, (2 << 20) + i));
      inFlight.add(sender.divert(task(i, values.get(i))));
      assertTrue(shared(inFlight.get(i)));
    }
    List<Object> received = receive(receiver, inFlight);
    for (int i = 0; i < values.size(); i++) {
      assertArrayEquals(values.get(i), (byte[]) received.get(i), "payload " + i);
    }
    // Consumed: the next rounds, one frame in flight at a time, reuse the last mapping.
    for (int round = 0; round < 10; round++) {
      byte[] value = random(100 + round, 2 << 20);
      EncodedFrame sent = sender.divert(task(round, value));
      assertTrue(shared(sent));
      assertArrayEquals(value, (byte[]) receive(receiver, List.of(sent)).get(0));
      assertEquals(List.of(), files(), "no new file: the ring was reused");
    }
    sender.close();
    receiver.close();
  }

  @Test
  void smallPayloadsStayOnThePipe() {
    SharedSender sender = tasks(SharedMemory.forTest(directory, THRESHOLD, () -> Long.MAX_VALUE));
    EncodedFrame small = task(1, new byte[THRESHOLD - 100]);
    assertSame(small, sender.divert(small));
    sender.close();
  }

  @Test
  void aFileSystemWithoutRoomSendsThroughThePipe() throws Exception {
    SharedSender sender = tasks(SharedMemory.forTest(directory, THRESHOLD, () -> 6L << 20));
    EncodedFrame big = task(1, random(2, 4 << 20));
    assertSame(big, sender.divert(big), "4.5 MiB would leave less than itself of 6 MiB free");
    assertEquals(List.of(), files());
    sender.close();
  }

  @Test
  void aReplyThatOutgrowsTheRingWithNoRoomToGrowIsTakenBackOntoTheHeap() throws Exception {
    AtomicLong free = new AtomicLong(Long.MAX_VALUE);
    SharedMemory memory = SharedMemory.forTest(directory, THRESHOLD, free::get);
    SharedSender replies = memory.workerSender();
    SharedMemory.Link link = memory.link(SELF);
    byte[] small = random(3, 2 << 20);
    EncodedFrame first = EncodedFrame.ofReply(kryo, Frame.RESULT, 1, small, replies);
    assertTrue(shared(first), "encoded into the ring");
    first.setReplyCost(5, 6);
    assertArrayEquals(new Object[] {new long[] {5, 6}, small}, receiveReply(link.receiver(), first));
    free.set(0); // the ring may be reused, but not grown
    byte[] big = random(4, 9 << 20);
    EncodedFrame second = EncodedFrame.ofReply(kryo, Frame.RESULT, 2, big, replies);
    assertFalse(shared(second), "taken back onto the heap");
    second.setReplyCost(7, 8);
    assertArrayEquals(new Object[] {new long[] {7, 8}, big}, receiveReply(link.receiver(), second));
    byte[] again = random(5, 2 << 20);
    EncodedFrame third = EncodedFrame.ofReply(kryo, Frame.RESULT, 3, again, replies);
    assertTrue(shared(third), "the ring serves what fits");
    third.setReplyCost(9, 10);
    assertArrayEquals(new Object[] {new long[] {9, 10}, again}, receiveReply(link.receiver(), third));
    replies.close();
    link.close();
    assertEquals(List.of(), files());
  }

  /** The cost and the value of a reply, as the pool reads them. */
  private Object[] receiveReply(SharedReceiver receiver, EncodedFrame reply) throws Exception {
    ByteArrayOutputStream pipe = new ByteArrayOutputStream();
    reply.writeTo(pipe);
    FrameReader reader = new FrameReader(new ByteArrayInputStream(pipe.toByteArray()));
    reader.useSharedRegions(receiver);
    assertEquals(Frame.RESULT, reader.next().type());
    return new Object[] {reader.readReplyCost(), reader.decodePayload(kryo)};
  }

  @Test
  void aReplyOfManyArraysIsEncodedIntoTheRingIntact() throws Exception {
    SharedMemory memory = SharedMemory.forTest(directory, THRESHOLD, () -> Long.MAX_VALUE);
    SharedSender replies = memory.workerSender();
    SharedMemory.Link link = memory.link(SELF);
    List<Object> value = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      value.add(random(i, 70_000 + i * 1000));
      value.add("element " + i);
    }
    value.add(random(99, 3 << 20));
    EncodedFrame reply = EncodedFrame.ofReply(kryo, Frame.RESULT, 1, value, replies);
    assertTrue(shared(reply));
    reply.setReplyCost(1, 2);
    Object[] back = receiveReply(link.receiver(), reply);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) back[1];
    assertEquals(value.size(), list.size());
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i) instanceof byte[] bytes) {
        assertArrayEquals(bytes, (byte[]) list.get(i), "element " + i);
      } else {
        assertEquals(value.get(i), list.get(i));
      }
    }
    replies.close();
    link.close();
  }

  @Test
  void fromJdk22OnClosingUnmapsAtOnce() throws Exception {
    assertEquals(Runtime.version().feature() >= 22, Mapping.unmapsOnClose(), "FFM found exactly where it exists");
    assumeTrue(Mapping.unmapsOnClose(), "JDK 21 unmaps through the collector");
    SharedMemory memory = SharedMemory.forTest(directory, THRESHOLD, () -> Long.MAX_VALUE);
    SharedSender sender = tasks(memory);
    SharedReceiver receiver = memory.workerReceiver();
    byte[] bytes = random(6, 2 << 20);
    assertArrayEquals(bytes, (byte[]) receive(receiver, List.of(sender.divert(task(1, bytes)))).get(0));
    assertEquals(2, mappingsOf(directory), "the sender's and the receiver's");
    sender.close();
    receiver.close();
    assertEquals(0, mappingsOf(directory));
  }

  /** How many mappings of files in {@code directory} this process has. */
  private static long mappingsOf(Path directory) throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
      return lines.filter(line -> line.contains(directory.toString() + "/")).count();
    }
  }

  @Test
  void sizeClassesRoundUpByAnEighthAtMost() {
    assertEquals(Mapping.HEADER_BYTES + (1L << 20), SizeClasses.fileSize(1));
    assertEquals(Mapping.HEADER_BYTES + (18L << 20), SizeClasses.fileSize((16L << 20) + 21));
    assertEquals(Mapping.HEADER_BYTES + (4L << 20), SizeClasses.fileSize(4L << 20));
    assertEquals(-1, SizeClasses.fileSize((1L << 30) + 1));
  }
}

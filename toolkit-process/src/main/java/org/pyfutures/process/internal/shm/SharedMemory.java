package org.pyfutures.process.internal.shm;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * One pool's shared-memory transport, on the pool's side or a worker's: where its files go, how they are named,
 * from what payload size on it is used, and whether there is room. A transport whose directory is missing or
 * unusable is disabled: every frame then goes down the pipe, and nothing is printed (a line at DEBUG says why).
 *
 * <p>System properties of the pool's JVM: {@value #DIRECTORY_PROPERTY} (default {@value #DEFAULT_DIRECTORY}; a
 * directory that does not exist disables the transport) and {@value #THRESHOLD_PROPERTY} (bytes, default
 * {@value #THRESHOLD}). The worker gets both from the pool in its HELLO.
 */
public final class SharedMemory {
  /** Payloads of at least this many bytes go through shared memory. */
  public static final int THRESHOLD = 1 << 20;
  static final String DIRECTORY_PROPERTY = "pyfutures.process.shm.dir";
  static final String THRESHOLD_PROPERTY = "pyfutures.process.shm.threshold";
  static final String DEFAULT_DIRECTORY = "/dev/shm";
  private static final SharedMemory DISABLED = new SharedMemory(null, "", Integer.MAX_VALUE, null);

  /** Null when disabled. */
  private final SharedFiles files;
  /** {@code pyfutures-shm-<pool pid>-<token>}: the start of every file name of the pool. */
  private final String pool;
  private final int threshold;
  /** Free bytes in the directory's file system; null to ask its {@link FileStore}. */
  private final LongSupplier usableSpace;
  private FileStore store;

  private SharedMemory(SharedFiles files, String pool, int threshold, LongSupplier usableSpace) {
    this.files = files;
    this.pool = pool;
    this.threshold = threshold;
    this.usableSpace = usableSpace;
  }

  /** A pool's transport in {@code directory} whose file system seems to have {@code usableSpace} bytes free. */
  static SharedMemory forTest(Path directory, int threshold, LongSupplier usableSpace) {
    return new SharedMemory(new SharedFiles(directory), SharedFiles.PREFIX + "1-abc", threshold, usableSpace);
  }

  /**
   * The transport of a new pool, from the system properties; first deletes the files that pools whose process
   * has died left in its directory.
   */
  public static SharedMemory forPool() {
    try {
      Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY));
      int threshold = Integer.parseInt(System.getProperty(THRESHOLD_PROPERTY, Integer.toString(THRESHOLD)));
      if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
        debug("no shared memory: " + directory + " is not a writable directory", null);
        return DISABLED;
      }
      SharedFiles files = new SharedFiles(directory);
      files.sweep();
      String token = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
      String pool = SharedFiles.PREFIX + ProcessHandle.current().pid() + "-" + token;
      return new SharedMemory(files, pool, threshold, null);
    } catch (InvalidPathException | SecurityException | NumberFormatException e) {
      debug("no shared memory", e);
      return DISABLED;
    }
  }

  /** What a worker needs to share this pool's memory, for its HELLO: empty when disabled. */
  public String workerConfig() {
    return files == null ? "" : threshold + "\t" + files.directory() + "\t" + pool;
  }

  /** A worker's transport, from {@link #workerConfig} as its HELLO carried it. */
  public static SharedMemory forWorker(String config) {
    String[] parts = config.split("\t", -1);
    if (parts.length != 3) {
      return DISABLED;
    }
    try {
      return new SharedMemory(new SharedFiles(Path.of(parts[1])), parts[2], Integer.parseInt(parts[0]), null);
    } catch (InvalidPathException | NumberFormatException e) {
      debug("no shared memory in this worker", e);
      return DISABLED;
    }
  }

  /** The pool's ends of the channels to and from the worker with this pid. */
  public Link link(long workerPid) {
    String worker = pool + "-" + workerPid + "-";
    return new Link(new SharedSender(this, worker + "t"), new SharedReceiver(this, worker + "r"), worker);
  }

  /** This worker's end of the channel that carries its replies. */
  public SharedSender workerSender() {
    return new SharedSender(this, pool + "-" + ProcessHandle.current().pid() + "-r");
  }

  /** This worker's end of the channel that carries its tasks. */
  public SharedReceiver workerReceiver() {
    return new SharedReceiver(this, pool + "-" + ProcessHandle.current().pid() + "-t");
  }

  /** The pool's ends of one worker's channels. */
  public final class Link {
    private final SharedSender sender;
    private final SharedReceiver receiver;
    private final String files;

    private Link(SharedSender sender, SharedReceiver receiver, String files) {
      this.sender = sender;
      this.receiver = receiver;
      this.files = files;
    }

    /** Writes the worker's tasks. */
    public SharedSender sender() {
      return sender;
    }

    /** Reads the worker's replies. */
    public SharedReceiver receiver() {
      return receiver;
    }

    /**
     * The worker is gone: unmaps both ends and deletes the files that either side made and the other never opened
     * (a worker killed mid-transfer leaves them).
     */
    public void close() {
      sender.close();
      receiver.close();
      if (SharedMemory.this.files != null) {
        SharedMemory.this.files.deleteAll(files);
      }
    }
  }

  int threshold() {
    return files == null ? Integer.MAX_VALUE : threshold;
  }

  /** The files; only called once a mapping exists or {@link #roomFor} said yes, so never when disabled. */
  SharedFiles files() {
    if (files == null) {
      throw new IllegalStateException("no shared memory");
    }
    return files;
  }

  /**
   * Whether a file of {@code size} bytes may be made: it must leave at least as much free beside it, for the other
   * direction and for everyone else on the file system.
   */
  synchronized boolean roomFor(long size) {
    if (files == null) {
      return false;
    }
    try {
      if (usableSpace != null) {
        return usableSpace.getAsLong() >= 2 * size;
      }
      if (store == null) {
        store = Files.getFileStore(files.directory());
      }
      return store.getUsableSpace() >= 2 * size;
    } catch (IOException | RuntimeException e) {
      debug("no room for " + size + " bytes of shared memory", e);
      return false;
    }
  }

  /** Logs at DEBUG; the logger is looked up only then, so a worker's start-up does not pay for it. */
  static void debug(String what, Throwable why) {
    System.Logger log = System.getLogger("org.pyfutures.process");
    if (log.isLoggable(System.Logger.Level.DEBUG)) {
      log.log(System.Logger.Level.DEBUG, what, why);
    }
  }
}

package org.pyfutures.process.internal.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared files of the pools of this machine, in one directory ({@code /dev/shm} unless configured).
 *
 * <p>A file is named {@code pyfutures-shm-<pool pid>-<pool token>-<worker pid>-<t|r><generation>}: {@code t} for
 * tasks (written by the pool), {@code r} for replies (written by the worker). Both sides know both pids and the
 * token (from the HELLO), so a receiver finds a file by name, and the pool can delete what a dead worker left.
 *
 * <p>A file lives from its creation by the sender until the receiver has mapped it: the receiver unlinks it right
 * after mapping, so while a pool runs no file of it stays in the directory for longer than a transfer takes. What a
 * killed worker or pool leaves is deleted by the pool when the worker is gone, or by the sweep of the next pool
 * started on the machine once the owning pool's process is dead.
 */
final class SharedFiles {
  static final String PREFIX = "pyfutures-shm-";
  /** A file name of ours, the pool's pid in group 1. Only the pool's sweep needs it. */
  private static final String NAME = "pyfutures-shm-(\\d+)-[0-9a-f]+-\\d+-[tr]\\d+";
  private static final int ZEROS = 1 << 20;

  private final Path directory;

  SharedFiles(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /** The name of a file of {@code pool} (its pid and token) for worker {@code workerPid}. */
  static String name(String pool, long workerPid, char direction, int generation) {
    return pool + "-" + workerPid + "-" + direction + generation;
  }

  /**
   * Creates a file of {@code size} bytes, readable and writable by its owner only (0600), and maps it. Its pages are
   * reserved by writing zeros with {@code write(2)} before the mapping exists: on tmpfs a file made long by
   * {@code ftruncate} ({@code setLength}) has no pages, and a store into such a mapping once the file system is full
   * kills the process with SIGBUS, where {@code write} fails with ENOSPC, which this turns into an exception.
   *
   * @throws IOException if it cannot be created, filled or mapped; then nothing is left behind
   */
  Mapping create(String name, long size) throws IOException {
    Path file = directory.resolve(name);
    FileChannel channel =
        FileChannel.open(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (channel) {
      ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(ZEROS, size));
      for (long at = 0; at < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
        at += channel.write(zeros, at);
      }
      return Mapping.map(channel, size);
    } catch (IOException | RuntimeException | Error e) {
      delete(file);
      throw e;
    }
  }

  /**
   * Maps the file a sender created, then unlinks it: from then on only the two mappings hold its pages.
   *
   * @throws IOException if it cannot be opened or mapped
   */
  Mapping openAndUnlink(String name) throws IOException {
    Path file = directory.resolve(name);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      return Mapping.map(channel, channel.size());
    } finally {
      delete(file);
    }
  }

  /** Deletes the file {@code name}, if it is there. */
  void deleteQuietly(String name) {
    delete(directory.resolve(name));
  }

  /** Deletes every file whose name starts with {@code prefix}. */
  void deleteAll(String prefix) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path file : files) {
        delete(file);
      }
    } catch (IOException | RuntimeException e) {
      SharedMemory.debug("listing " + directory, e);
    }
  }

  /** Deletes the files of pools whose process is no longer alive; files of other names are never touched. */
  void sweep() {
    Pattern name = Pattern.compile(NAME);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
      for (Path file : files) {
        Matcher m = name.matcher(file.getFileName().toString());
        if (m.matches() && !alive(m.group(1))) {
          delete(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      SharedMemory.debug("sweeping " + directory, e);
    }
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true; // not ours to judge
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      SharedMemory.debug("deleting " + file, e);
    }
  }
}

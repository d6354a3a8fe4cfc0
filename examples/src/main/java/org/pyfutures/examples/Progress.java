package org.pyfutures.examples;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long measurements (a thin wrapper over {@code me.tongfei:progressbar}), or a
 * silent stand-in when progress is switched off, so that stdout carries only the tables.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * Starts a bar.
   *
   * @param enabled whether to draw anything
   * @param task the label shown before the bar
   * @param steps how many steps make 100%
   * @return the bar; close it when done
   */
  public static Progress start(boolean enabled, String task, long steps) {
    if (!enabled) {
      return new Progress(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .setMaxRenderedLength(100)
            .hideEta()
            .continuousUpdate()
            .setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
            .clearDisplayOnFinish()
            .build();
    return new Progress(bar);
  }

  /**
   * Advances by one step and shows what is running now.
   *
   * @param nowRunning a short label for the next measurement
   */
  public void step(String nowRunning) {
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(nowRunning);
    }
  }

  /**
   * Shows what is running now without advancing.
   *
   * @param nowRunning a short label for the current measurement
   */
  public void show(String nowRunning) {
    if (bar != null) {
      bar.setExtraMessage(nowRunning);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

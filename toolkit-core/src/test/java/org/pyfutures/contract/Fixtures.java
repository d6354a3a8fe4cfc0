package org.pyfutures.contract;

import org.pyfutures.Future;

/** Futures forced into each state, as CPython's tests build them. */
public final class Fixtures {
  private Fixtures() {}

  public static <T> Future<T> pending() {
    return new Future<>();
  }

  public static <T> Future<T> running() {
    Future<T> f = new Future<>();
    f.setRunningOrNotifyCancel();
    return f;
  }

  public static <T> Future<T> cancelled() {
    Future<T> f = new Future<>();
    f.cancel();
    return f;
  }

  public static <T> Future<T> cancelledAndNotified() {
    Future<T> f = cancelled();
    f.setRunningOrNotifyCancel();
    return f;
  }

  public static <T> Future<T> succeeded(T value) {
    Future<T> f = new Future<>();
    f.setResult(value);
    return f;
  }

  public static <T> Future<T> failed(Throwable exception) {
    Future<T> f = new Future<>();
    f.setException(exception);
    return f;
  }
}

/**
 * {@link org.pyfutures.interp.InterpreterPoolExecutor}: tasks run in isolated class-loader "interpreters", each
 * with its own copy of the application's classes and static state.
 */
package org.pyfutures.interp;

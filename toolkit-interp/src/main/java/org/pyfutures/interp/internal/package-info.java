/** The interpreter pool's machinery: isolated loaders, interpreters and their worker contexts. Not API. */
package org.pyfutures.interp.internal;

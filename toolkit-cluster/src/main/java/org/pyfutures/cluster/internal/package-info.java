/** The cluster executor's dispatcher, member entry point and wire types; not API. */
package org.pyfutures.cluster.internal;

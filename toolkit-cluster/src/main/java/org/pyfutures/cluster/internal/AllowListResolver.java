package org.pyfutures.cluster.internal;

import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.util.DefaultClassResolver;
import java.util.HashSet;
import java.util.Set;

/**
 * Kryo's class resolver with an {@link AllowList} check on every class name it reads, before the class is
 * loaded: the one place where Kryo turns a name from the stream into a class.
 */
final class AllowListResolver extends DefaultClassResolver {
  private final AllowList allowList;
  // Names already admitted, per Kryo and so per thread: every task names the same few classes.
  private final Set<String> admitted = new HashSet<>();

  AllowListResolver(AllowList allowList) {
    this.allowList = allowList;
  }

  @Override
  protected Class<?> getTypeByName(String className) {
    if (!admitted.contains(className) && !allowList.permits(AllowList.elementName(className))) {
      throw new KryoException(
          "Class " + className + " is not on the cluster's class allow-list; add it with"
              + " ClusterExecutor.Builder.allowClasses on the host and -D" + AllowList.PROPERTY
              + " on every member");
    }
    admitted.add(className);
    return super.getTypeByName(className);
  }
}

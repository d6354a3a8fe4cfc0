/**
 * pyfutures cluster: {@code ClusterExecutor} over Hazelcast members.
 *
 * <p>Only {@code org.pyfutures.cluster} is API. The internals travel between members through Hazelcast and Kryo,
 * which read them reflectively, so they are open to those two modules only.
 */
module org.pyfutures.cluster {
  requires transitive org.pyfutures;
  requires com.esotericsoftware.kryo.kryo5;
  requires transitive com.hazelcast.core; // ClusterExecutor can join a HazelcastInstance the caller has
  requires java.logging;

  exports org.pyfutures.cluster;

  opens org.pyfutures.cluster to
      com.esotericsoftware.kryo.kryo5,
      com.hazelcast.core;
  opens org.pyfutures.cluster.internal to
      com.esotericsoftware.kryo.kryo5,
      com.hazelcast.core;
}

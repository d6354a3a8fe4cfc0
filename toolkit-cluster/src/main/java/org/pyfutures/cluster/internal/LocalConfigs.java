package org.pyfutures.cluster.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;

/**
 * The Hazelcast configuration of a local cluster: TCP on 127.0.0.1 only, no multicast or cloud discovery, no
 * phone-home, fast failure detection; the host joins as a client.
 */
final class LocalConfigs {
  static final String EXECUTOR = "pyfutures";
  private static final String LOOPBACK = "127.0.0.1";

  private LocalConfigs() {}

  static Config member(String clusterName, int port, List<Integer> seeds) {
    Config config = new Config();
    config.setClusterName(clusterName);
    common(config::setProperty);
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", LOOPBACK);
    config.setProperty("hazelcast.partition.count", "23");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(seeds.stream().map(LocalConfigs::address).toList());
    // Metrics feed Management Center and JMX, neither of which a local member has; collecting them costs CPU at
    // start (the platform MBean server) and every few seconds after.
    config.getMetricsConfig().setEnabled(false);
    config.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()));
    config.getExecutorConfig(CancelRequest.EXECUTOR).setPoolSize(2);
    config.getSerializationConfig().getJavaSerializationFilterConfig(); // Hazelcast's default deny-list stays on.
    return config;
  }

  static ClientConfig client(String clusterName, List<Integer> ports) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setInstanceName(clusterName + "-host");
    common(config::setProperty);
    config.getMetricsConfig().setEnabled(false);
    config.getNetworkConfig().setAddresses(ports.stream().map(LocalConfigs::address).toList());
    config.getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setInitialBackoffMillis(50)
        .setMaxBackoffMillis(500)
        .setClusterConnectTimeoutMillis(90_000);
    return config;
  }

  private interface Properties {
    Object set(String name, String value);
  }

  private static void common(Properties properties) {
    properties.set("hazelcast.phone.home.enabled", "false");
    properties.set("hazelcast.logging.type", "jdk");
  }

  static String address(int port) {
    return LOOPBACK + ":" + port;
  }
}

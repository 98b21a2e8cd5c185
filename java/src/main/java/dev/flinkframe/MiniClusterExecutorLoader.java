package dev.flinkframe;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Submits every job to one long-lived MiniCluster. Flink's own "local" target starts a new mini-cluster per
 * job, which costs a second or more; a session keeps one and pays that once.
 */
final class MiniClusterExecutorLoader implements PipelineExecutorServiceLoader {
  private static final String NAME = "flinkframe-embedded";
  private final MiniCluster cluster;

  MiniClusterExecutorLoader(MiniCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
    return new PipelineExecutorFactory() {
      @Override
      public String getName() {
        return NAME;
      }

      @Override
      public boolean isCompatibleWith(Configuration configuration) {
        return true;
      }

      @Override
      public PipelineExecutor getExecutor(Configuration configuration) {
        return MiniClusterExecutorLoader.this::execute;
      }
    };
  }

  @Override
  public Stream<String> getExecutorNames() {
    return Stream.of(NAME);
  }

  private CompletableFuture<JobClient> execute(Pipeline pipeline, Configuration configuration, ClassLoader loader)
      throws Exception {
    StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
    return cluster.submitJob(graph).thenApply(submitted -> new MiniClusterJobClient(
        submitted.getJobID(), cluster, loader, MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
  }
}

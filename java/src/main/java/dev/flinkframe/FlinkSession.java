package dev.flinkframe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The control plane that Node drives through java-bridge: one TableEnvironment and, when embedded, the
 * MiniCluster it runs on. Every method takes and returns strings so that no data crosses the bridge.
 */
public final class FlinkSession implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MiniCluster cluster;
  private final StreamTableEnvironment tables;
  private final boolean reusesGeneratedCode;

  private FlinkSession(MiniCluster cluster, StreamTableEnvironment tables, boolean reusesGeneratedCode) {
    this.cluster = cluster;
    this.tables = tables;
    this.reusesGeneratedCode = reusesGeneratedCode;
  }

  /** Starts a MiniCluster in this JVM; settings are Flink configuration lines "key=value". */
  public static FlinkSession embedded(String settings) throws Exception {
    Configuration conf = parse(settings);
    int slots = conf.get(CoreOptions.DEFAULT_PARALLELISM);
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(slots)
        .build());
    // The cluster starts on its own thread while this one loads the planner: neither needs the other until a
    // job is submitted. The TableEnvironment stays on the calling thread (Calcite's state is thread-local).
    // (its own thread, not the common pool: that has a single thread on 2 cores, which Flink's futures also use)
    CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
      try {
        cluster.start();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, task -> {
      Thread starter = new Thread(task, "flinkframe-minicluster-start");
      starter.setDaemon(true);
      starter.start();
    });
    StreamTableEnvironment tables;
    try {
      StreamExecutionEnvironment env = new StreamExecutionEnvironment(
          new MiniClusterExecutorLoader(cluster), conf, FlinkSession.class.getClassLoader());
      tables = tablesOn(env, conf);
    } catch (RuntimeException e) {
      started.handle((ok, failed) -> null).join();
      cluster.close();
      throw e;
    }
    try {
      started.join();
    } catch (CompletionException e) {
      cluster.close();
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    return new FlinkSession(cluster, tables, ReusedGeneratedCode.shareClassLoader(cluster));
  }

  /** Submits to a running cluster; settings must name it (execution.target=remote, rest.address, rest.port). */
  public static FlinkSession remote(String settings) {
    Configuration conf = parse(settings);
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf, FlinkSession.class.getClassLoader());
    return new FlinkSession(null, tablesOn(env, conf), false);
  }

  private static StreamTableEnvironment tablesOn(StreamExecutionEnvironment env, Configuration conf) {
    return StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().withConfiguration(conf).build());
  }

  private static Configuration parse(String settings) {
    Map<String, String> map = new HashMap<>();
    for (String line : settings.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) map.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return Configuration.fromMap(map);
  }

  /** The result columns of a query as JSON [{name, type, nullable}], resolved by the planner without running it. */
  public String schema(String query) throws Exception {
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Column column : tables.sqlQuery(query).getResolvedSchema().getColumns()) {
      LogicalType type = column.getDataType().getLogicalType();
      columns.add(Map.of(
          "name", column.getName(),
          "type", type.copy(true).asSummaryString(),
          "nullable", type.isNullable()));
    }
    return JSON.writeValueAsString(columns);
  }

  /** Runs a statement that starts no job: CREATE / DROP of temporary tables, views and functions. */
  public void execute(String statement) {
    tables.executeSql(statement);
  }

  public String explain(String query) {
    return tables.explainSql(query);
  }

  /**
   * Plans and submits a job (an INSERT). Call it synchronously: Calcite keeps planner state in thread-locals of
   * the thread that made the TableEnvironment. Then wait for the job on any thread with RunningJob.finish().
   */
  public RunningJob submit(String statement) {
    ReusedGeneratedCode.beforePlanning();
    return new RunningJob(tables.executeSql(statement));
  }

  /**
   * Registers a JavaScript UDF stage over a query as the temporary view {@code view} (see
   * dev.flinkframe.udf.UdfStages). Call it synchronously: it plans the input query.
   */
  public void udfStage(String inputQuery, String view, String spec) throws Exception {
    dev.flinkframe.udf.UdfStages.register(tables, inputQuery, view, spec);
  }

  /**
   * Registers an aggregate JavaScript UDF stage (one row per group) over a query as the temporary view
   * {@code view} (see dev.flinkframe.udf.UdafStages). Call it synchronously: it plans the input query.
   */
  public void udfAggregateStage(String inputQuery, String view, String spec) throws Exception {
    dev.flinkframe.udf.UdafStages.register(tables, inputQuery, view, spec);
  }

  /** Makes a JavaScript UDF callable by name from SQL (dev.flinkframe.udf.JsScalarFunction). */
  public void registerJsFunction(String name, String spec) throws Exception {
    tables.createTemporarySystemFunction(name, new dev.flinkframe.udf.JsScalarFunction(spec));
  }

  /**
   * Ships a local file or folder with every job of this session through Flink's distributed cache (the job's
   * artifacts, uploaded to the cluster's blob server; a folder travels zipped): tasks read it by {@code name}
   * where they run, never from the client's disk. Registering a name again does nothing.
   */
  public void shipFile(String path, String name) {
    StreamExecutionEnvironment env =
        ((org.apache.flink.table.api.bridge.internal.AbstractStreamTableEnvironmentImpl) tables).execEnv();
    for (var entry : env.getCachedFiles()) if (entry.f0.equals(name)) return;
    env.registerCachedFile(path, name);
  }

  /** Whether a job reuses the operators an earlier job compiled from the same code (see ReusedGeneratedCode). */
  public boolean reusesGeneratedCode() {
    return reusesGeneratedCode;
  }

  public String restAddress() throws Exception {
    return cluster == null ? "" : cluster.getRestAddress().get().toString();
  }

  @Override
  public void close() throws Exception {
    try {
      if (cluster != null) cluster.close();
    } finally {
      dev.flinkframe.udf.UdfWorkerPool.closeAll(); // workers kept between jobs (their files go with them)
    }
  }
}

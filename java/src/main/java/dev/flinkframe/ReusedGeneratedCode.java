package dev.flinkframe;

import java.lang.reflect.Field;
import java.util.List;
import org.apache.flink.runtime.execution.librarycache.BlobLibraryCacheManager;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.taskexecutor.TaskExecutor;
import org.apache.flink.table.codesplit.CodeSplitUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a job of the embedded session reuse the operator classes an earlier job compiled from the same generated
 * code, and with them the machine code the JIT made of them. Flink caches the classes it compiles (Janino) by
 * class loader and code text; two things defeat that cache in a long-lived mini-cluster:
 *
 * <ul>
 *   <li>the TaskManager gives every job a new user-code class loader, even a job that ships no jar, and the
 *       embedded session never ships one: every class its jobs need is on this JVM's class path.
 *       {@link #shareClassLoader} makes jar-less jobs use the system class loader, which is what Flink does when
 *       user code is on the system class path (its {@code wrapsSystemClassLoader} switch; jobs with jars keep
 *       their own loaders);
 *   <li>the code splitter names the methods it splits out with a process-wide counter, so the same query makes
 *       different code each time. {@link #beforePlanning} starts that counter again; the names need only be
 *       unique within one class, and every statement is planned on the session's one planning thread (Calcite's
 *       state is thread-local), so no two classes are split at once.
 * </ul>
 *
 * Without this every job's operators start in the interpreter and are compiled by C1 and C2 again: a repeated
 * 100 MB scan spent hundreds of ms of compiler CPU per job on 2 cores (docs/benchmarks.md). Off with the system
 * property {@code flinkframe.reuse-generated-code=false}, to measure the difference.
 */
final class ReusedGeneratedCode {
  private static final Logger LOG = LoggerFactory.getLogger(ReusedGeneratedCode.class);
  private static final boolean ON =
      !"false".equals(System.getProperty("flinkframe.reuse-generated-code"));

  private ReusedGeneratedCode() {}

  /**
   * Best effort: on a Flink whose internals differ, jobs keep their own class loaders (slower, still right).
   * Returns whether every TaskManager of the cluster now shares the system class loader with jar-less jobs.
   */
  static boolean shareClassLoader(MiniCluster cluster) {
    if (!ON) return false;
    try {
      List<?> taskExecutors = (List<?>) read(cluster, MiniCluster.class, "taskManagers");
      Field wraps = BlobLibraryCacheManager.class.getDeclaredField("wrapsSystemClassLoader");
      wraps.setAccessible(true);
      for (Object taskExecutor : taskExecutors) {
        wraps.setBoolean(read(taskExecutor, TaskExecutor.class, "libraryCacheManager"), true);
      }
      return !taskExecutors.isEmpty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Each job keeps its own class loader: generated operators are compiled for every job", e);
      return false;
    }
  }

  static void beforePlanning() {
    if (ON) CodeSplitUtil.getCounter().set(0);
  }

  private static Object read(Object owner, Class<?> type, String name) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}

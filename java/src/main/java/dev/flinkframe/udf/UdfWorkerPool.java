package dev.flinkframe.udf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Node workers kept between jobs, as Spark keeps its Python workers: starting Node and loading the worker
 * script costs ~100 ms of CPU per worker, and a session runs many short jobs. A worker that finished a job cleanly
 * (close() ran, its last metrics came back) waits here for the next UDF with the same launch; one idle for
 * IDLE_MS, or still here when the session closes, is stopped. Only workers whose launch ships nothing but the
 * worker script are kept (see UdfWorker.poolKey): shipped files and modules may change between jobs.
 */
public final class UdfWorkerPool {
  static final long IDLE_MS = 60_000;
  /** Idle workers beyond this many per launch are stopped at once. */
  static final int MAX_IDLE_PER_KEY = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private record Idle(UdfWorker worker, long since) {}

  private static final Map<String, ArrayDeque<Idle>> IDLE = new HashMap<>();
  private static ScheduledExecutorService reaper;
  private static boolean hooked;

  private UdfWorkerPool() {}

  /** An idle worker started with this launch, or null. */
  static synchronized UdfWorker take(String key) {
    ArrayDeque<Idle> idle = IDLE.get(key);
    while (idle != null && !idle.isEmpty()) {
      UdfWorker worker = idle.pollLast().worker();
      if (worker.isAlive()) return worker;
      worker.stop();
    }
    return null;
  }

  /** Keeps a worker that finished its job cleanly for the next one. */
  static void give(String key, UdfWorker worker) {
    UdfWorker extra = null;
    synchronized (UdfWorkerPool.class) {
      ArrayDeque<Idle> idle = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>());
      if (idle.size() >= MAX_IDLE_PER_KEY) {
        extra = worker;
      } else {
        idle.addLast(new Idle(worker, System.currentTimeMillis()));
        startReaper();
      }
    }
    if (extra != null) extra.stop();
  }

  private static void startReaper() {
    if (reaper != null) return;
    if (!hooked) {
      // a TaskManager's JVM runs its shutdown hooks (the embedded one does not: FlinkSession.close stops the workers)
      Runtime.getRuntime().addShutdownHook(new Thread(UdfWorkerPool::closeAll, "flinkframe-udf-workers-stop"));
      hooked = true;
    }
    reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "flinkframe-udf-worker-reaper");
      t.setDaemon(true);
      return t;
    });
    reaper.scheduleWithFixedDelay(() -> stopIdleSince(System.currentTimeMillis() - IDLE_MS), IDLE_MS / 4, IDLE_MS / 4, TimeUnit.MILLISECONDS);
  }

  private static void stopIdleSince(long before) {
    List<UdfWorker> stale = new ArrayList<>();
    synchronized (UdfWorkerPool.class) {
      for (ArrayDeque<Idle> idle : IDLE.values()) {
        for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
          Idle i = it.next();
          if (i.since() <= before) {
            stale.add(i.worker());
            it.remove();
          }
        }
      }
    }
    stale.forEach(UdfWorker::stop);
  }

  /** Stops every idle worker (the session is closing). */
  public static void closeAll() {
    stopIdleSince(Long.MAX_VALUE);
    synchronized (UdfWorkerPool.class) {
      if (reaper != null) reaper.shutdownNow();
      reaper = null;
    }
  }
}

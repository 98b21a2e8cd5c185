package dev.flinkframe.udf;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Node worker's working directory on the machine that runs the task, laid out from files the job shipped
 * through Flink's distributed cache: each added file under its own name, the shipped node_modules as
 * ./node_modules (a link), the worker script copied to ./udf-worker.mjs, and a UDF's bundled module copied to
 * ./udf-module.mjs, so that its package imports resolve from ./node_modules (a copy, not a link: Node resolves
 * imports from a module's real path).
 */
final class UdfWorkDir {
  static final String MODULE_FILE = "udf-module.mjs";
  static final String WORKER_FILE = "udf-worker.mjs";

  final Path root;

  UdfWorkDir(UdfStageSpec.Launch launch, Function<String, File> cachedFile) throws IOException {
    File worker = shipped(cachedFile, launch.worker, "the UDF worker script");
    this.root = Files.createTempDirectory("flinkframe-udf-");
    try {
      // the cache may hold it under a blob's name: .mjs makes it an ES module on every Node version
      Files.copy(worker.toPath(), root.resolve(WORKER_FILE));
      for (Map.Entry<String, String> file : launch.files.entrySet()) {
        Files.createSymbolicLink(root.resolve(file.getKey()), shipped(cachedFile, file.getValue(), "the file " + file.getKey()).toPath().toAbsolutePath());
      }
      if (launch.nodeModules != null) {
        Files.createSymbolicLink(root.resolve("node_modules"), shipped(cachedFile, launch.nodeModules, "node_modules").toPath().toAbsolutePath());
      }
      if (launch.module != null) {
        Files.copy(shipped(cachedFile, launch.module, "the UDF's module").toPath(), root.resolve(MODULE_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      remove();
      throw e;
    }
  }

  /** A launch entry naming a file on the machine itself rather than a distributed-cache entry. */
  static final String LOCAL_PREFIX = "local:";

  static File shipped(Function<String, File> cachedFile, String name, String what) throws IOException {
    // a job flinkframe does not drive (a plain SQL job calling JsModuleFunction) names local files instead
    if (name.startsWith(LOCAL_PREFIX)) return new File(name.substring(LOCAL_PREFIX.length()));
    File file;
    try {
      file = cachedFile.apply(name);
    } catch (RuntimeException e) {
      throw new IOException("JavaScript UDF: " + what + " was not shipped with the job (distributed cache entry '" + name + "'): " + e.getMessage(), e);
    }
    if (file == null || !file.exists()) {
      throw new IOException("JavaScript UDF: " + what + " was not shipped with the job (distributed cache entry '" + name + "' is missing)");
    }
    return file;
  }

  List<String> command(UdfStageSpec.Launch launch) {
    List<String> command = new ArrayList<>();
    command.add(launch.node);
    // packages inside ./node_modules (a link) resolve their own dependencies from there too
    command.add("--preserve-symlinks");
    command.add(root.resolve(WORKER_FILE).toString());
    return command;
  }

  /** The worker never sees the client's module paths: only what the job shipped. */
  Map<String, String> environment() {
    return Map.of(
        "NODE_PATH", root.resolve("node_modules").toString(),
        "FLINKFRAME_UDF_DIR", root.toString());
  }

  void remove() {
    try (Stream<Path> paths = Files.walk(root)) { // links are removed, never followed
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is not worth failing the task for
    }
  }
}

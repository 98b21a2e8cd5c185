package dev.flinkframe.udf;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One Node worker process running one JavaScript UDF, spoken to over its stdin/stdout. Requests are frames
 * [int32 length][bytes]: first the UDF's spec (JSON), then one Arrow IPC stream per batch. Replies are frames
 * [byte tag][int32 length][bytes]: tag 0 is a result batch (Arrow IPC stream), tag 1 a JSON error report.
 * A negative length says the frame's -length bytes are in the exchange file instead (UdfExchange): batches
 * go that way, so the pipes only wake the other process once per frame.
 * The worker's stderr goes to a file, quoted when the worker dies. Everything the worker runs (its bundled
 * script, a UDF's module, files, node_modules) comes from Flink's distributed cache, never from the client's disk
 * (see UdfWorkDir).
 */
final class UdfWorker implements AutoCloseable {
  static final byte RESULT = 0;
  static final byte ERROR = 1;
  /** The most requests sent and not yet answered (UdfExchange keeps as many slots). */
  static final int MAX_IN_FLIGHT = 8;

  private String udfName;
  /** Where this worker goes when its job is done (UdfWorkerPool), or null: it stops. */
  private final String poolKey;
  /** The UDF's close() ran and its last metrics came back: the worker can serve another job. */
  private boolean finished;
  private final UdfWorkDir dir;
  private final Process process;
  private final File stderr;
  private final DataOutputStream requests;
  private final DataInputStream replies;
  private final UdfExchange exchange;

  /**
   * A worker for this UDF, idle from an earlier job (UdfWorkerPool) or started now; {@code cachedFile} finds a
   * file the job shipped, by its distributed-cache name, and {@code specJson} is the spec the worker gets (the
   * stage's, with where it runs added for open(ctx)).
   */
  static UdfWorker open(UdfStageSpec spec, Function<String, File> cachedFile, String specJson) throws IOException {
    String key = spec.reuseWorker ? poolKey(spec.launch, cachedFile) : null;
    UdfWorker idle = key == null ? null : UdfWorkerPool.take(key);
    if (idle == null) return new UdfWorker(spec, cachedFile, specJson, key);
    idle.udfName = spec.name;
    idle.finished = false;
    idle.send(specJson.getBytes(StandardCharsets.UTF_8));
    return idle;
  }

  /**
   * Workers are kept only when they run nothing but the worker script: the key is the Node executable and the
   * script's content (its distributed-cache copy has another path in each job).
   */
  private static String poolKey(UdfStageSpec.Launch launch, Function<String, File> cachedFile) throws IOException {
    if (launch.module != null || launch.nodeModules != null || !launch.files.isEmpty()) return null;
    File script = UdfWorkDir.shipped(cachedFile, launch.worker, "the UDF worker script");
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(Files.readAllBytes(script.toPath()));
    return launch.node + " | " + script.length() + " | " + crc.getValue();
  }

  private UdfWorker(UdfStageSpec spec, Function<String, File> cachedFile, String specJson, String poolKey) throws IOException {
    this.udfName = spec.name;
    this.poolKey = poolKey;
    this.dir = new UdfWorkDir(spec.launch, cachedFile);
    this.stderr = dir.root.resolve("worker-stderr.log").toFile(); // the worker removes its folder when its stdin ends
    ProcessBuilder builder = new ProcessBuilder(dir.command(spec.launch))
        .directory(dir.root.toFile())
        .redirectError(ProcessBuilder.Redirect.to(stderr));
    Map<String, String> env = builder.environment();
    env.putAll(dir.environment());
    try {
      this.exchange = new UdfExchange(dir.root, MAX_IN_FLIGHT);
    } catch (IOException e) {
      dir.remove();
      throw e;
    }
    env.putAll(exchange.environment());
    try {
      this.process = builder.start();
    } catch (IOException e) {
      exchange.close();
      dir.remove();
      throw new IOException("JavaScript UDF '" + udfName + "': cannot start its Node worker with `"
          + spec.launch.node + "` (" + e.getMessage() + "). Give the Node executable of the machines that run the "
          + "job with session.nodeExecutable(path) or `flinkframe run --node path`.");
    }
    this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    this.replies = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    send(specJson.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one batch and waits for its reply: the result batch's bytes, or a UdfFailure. */
  byte[] call(byte[] batch) throws IOException {
    send(batch);
    return receive();
  }

  /** The reply to the batch sent last: the result batch's bytes, or a UdfFailure. */
  byte[] receive() throws IOException {
    byte tag;
    byte[] payload;
    try {
      tag = replies.readByte();
      int length = replies.readInt();
      if (length < 0) {
        payload = exchange.readReply(-length);
      } else {
        payload = new byte[length];
        replies.readFully(payload);
      }
    } catch (EOFException e) {
      throw died();
    }
    if (tag == ERROR) throw UdfFailure.fromReport(udfName, new String(payload, StandardCharsets.UTF_8));
    if (tag != RESULT) throw new IOException("JavaScript UDF '" + udfName + "': the worker sent an unknown reply (tag " + tag + ")");
    return payload;
  }

  void send(byte[] bytes) throws IOException {
    try {
      if (bytes.length >= UdfExchange.FILE_THRESHOLD) {
        writeToExchange(bytes);
        requests.writeInt(-bytes.length);
      } else {
        requests.writeInt(bytes.length);
        requests.write(bytes);
      }
      requests.flush();
    } catch (IOException e) {
      throw died();
    }
  }

  /** A batch into the exchange file; its failure (a full /dev/shm, say) is not the worker's death. */
  private void writeToExchange(byte[] bytes) throws UdfFailure {
    try {
      exchange.writeRequest(bytes);
    } catch (IOException e) {
      throw new UdfFailure("JavaScript UDF '" + udfName + "': cannot write a batch of " + bytes.length + " bytes to its exchange file ("
          + e.getMessage() + "). The files are in /dev/shm when the machine has it: give it room, or use a smaller batchSize.");
    }
  }

  /** Runs the UDF's close() (an empty request): the reply holds its last metric updates, as JSON. */
  String finish() throws IOException {
    byte[] last = call(new byte[0]);
    finished = true;
    return new String(last, StandardCharsets.UTF_8);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The error for a worker that is gone: its exit code and the end of what it wrote to stderr. */
  private IOException died() {
    String code;
    try {
      code = process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = "unknown";
    }
    return new IOException("JavaScript UDF '" + udfName + "': its Node worker process died (exit code " + code
        + "). Its stderr ends with:\n" + stderrTail());
  }

  private String stderrTail() {
    try {
      String text = Files.readString(stderr.toPath(), StandardCharsets.UTF_8);
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** The task is done with this worker: it waits for the next job if it finished cleanly, else it stops. */
  @Override
  public void close() {
    if (finished && poolKey != null && process.isAlive()) {
      UdfWorkerPool.give(poolKey, this);
    } else {
      stop();
    }
  }

  /** Ends the worker: its stdin closes and it exits on its own (or is killed), and its files are removed. */
  void stop() {
    try {
      requests.close(); // end of input: the worker exits on its own
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    } finally {
      exchange.close();
      stderr.delete();
      dir.remove();
    }
  }
}

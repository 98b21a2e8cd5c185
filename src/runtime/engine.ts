import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { FlinkFrameError } from '../errors.js';
import type { Schema } from '../translate/schema.js';
import { checkClusterReachable, clusterSettings } from './cluster-settings.js';
import { readableJavaError } from './java-error.js';
import { watchJob, type ProgressListener, type ProgressTiming } from './job-progress.js';
import { jobReport, type JobReport } from './job-metrics.js';
import { jvm } from './jvm.js';
import { releaseFreedMemory } from './native-memory.js';
import type { SessionOptions } from './session-options.js';
import { UdfDependencies } from './udf-dependencies.js';
import { UdfShipping } from './udf-shipping.js';
import { ResultFolders } from './result-files.js';
import { SourceServer } from './source-server.js';
import { SourceReleases } from './source-releases.js';
import { dropTableDdl } from './ddl.js';
import { WorkDir } from './workdir.js';

interface JavaRunningJob {
  idSync(): string;
  finish(): Promise<void>;
  finishSync(): void;
  cancelSync(): void;
  udfMetricsSync(): string;
}

interface JavaFlinkSession {
  schemaSync(query: string): string;
  executeSync(statement: string): void;
  explainSync(query: string): string;
  submitSync(statement: string): JavaRunningJob;
  restAddressSync(): string;
  reusesGeneratedCodeSync(): boolean;
  udfStageSync(inputQuery: string, view: string, spec: string): void;
  registerJsFunctionSync(name: string, spec: string): void;
  shipFileSync(path: string, name: string): void;
  udfAggregateStageSync(inputQuery: string, view: string, spec: string): void;
  closeSync(): void;
}

/** Query schemas kept at most: a long notebook session asks many, and each key is a whole query's text. */
const KEPT_SCHEMAS = 2000;

/**
 * Calls an async java-bridge method from a stack of its own. java-bridge keeps the Error it makes for each async
 * call (in a global handle, long after the call settled), and with it the receivers of the frames on the stack
 * then: the caller's frames, a Table and through its plan the columns of in-memory tables it read.
 */
const fromOwnStack = <T>(call: () => Promise<T>) => new Promise<T>((resolve, reject) => setImmediate(() => call().then(resolve, reject)));

/** DDL of the session's own tables (sources, sinks): fresh names, so no query asked before means something else. */
const FRESH_TABLE_DDL = /^(?:CREATE TEMPORARY TABLE|DROP TEMPORARY TABLE IF EXISTS) `__ff_/;

/**
 * The runtime half of a session: one Flink TableEnvironment (on an embedded mini-cluster) driven through
 * java-bridge. Only SQL text, schemas and file paths cross the bridge; data moves through files.
 */
export class Engine {
  readonly workdir = new WorkDir();
  /** Where query results are written, folders reused from query to query. */
  readonly resultFolders = new ResultFolders(this.workdir);
  readonly parallelism: number;
  readonly mode: 'batch' | 'streaming';
  private readonly flink: JavaFlinkSession;
  private readonly shipping: UdfShipping;
  private closed = false;
  private restAddress?: string;
  /** The job that finished last (its report is read when asked for: session.lastJob()). */
  private lastFinished?: JavaRunningJob;
  private lastReport?: JobReport;
  /** Started with the session (a thread, ~30 ms), so that the first in-memory table need not wait for it. */
  private readonly sources = new SourceServer();
  private readonly releases = new SourceReleases();
  /**
   * Query schemas by SQL text: a frame built again (a notebook cell run twice, a pipeline in a loop) asks the
   * same questions. Forgotten when the catalog changes what a name means.
   */
  private readonly schemas = new Map<string, Schema>();

  /**
   * `dependencies`: what UDF jobs ship; `progress` hears about jobs that run longer than a moment (the session picks
   * the terminal or notebook view).
   */
  constructor(
    options: SessionOptions = {},
    dependencies = new UdfDependencies(options),
    private readonly progress?: { listener: ProgressListener; timing?: ProgressTiming },
  ) {
    this.mode = options.mode ?? 'batch';
    this.parallelism = options.parallelism ?? availableParallelism();
    const java = jvm({ logFile: process.env.FLINKFRAME_LOG ?? this.workdir.path('flink.log'), heap: options.heap });
    const FlinkSession = java.importClass('dev.flinkframe.FlinkSession') as unknown as {
      embeddedSync(settings: string): JavaFlinkSession;
      remoteSync(settings: string): JavaFlinkSession;
    };
    if (options.cluster) checkClusterReachable(options.cluster);
    const base = options.cluster ? { ...this.jobDefaults(), ...clusterSettings(options.cluster) } : this.defaults();
    const settings = Object.entries({ ...base, ...stringify(options.config ?? {}) }).map(([k, v]) => `${k}=${v}`).join('\n');
    try {
      this.flink = options.cluster ? FlinkSession.remoteSync(settings) : FlinkSession.embeddedSync(settings);
    } catch (e) {
      this.workdir.remove();
      void this.sources.close();
      throw readableJavaError(e, options.cluster ? `Connecting to the Flink cluster at ${options.cluster}` : 'Starting the embedded Flink mini-cluster');
    }
    const ship = (path: string, name: string) => this.call(() => this.flink.shipFileSync(path, name), 'Shipping a file with the jobs', path);
    // workers use this process's Node only when tasks run in this process's mini-cluster
    const embedded = !options.cluster;
    this.shipping = new UdfShipping(ship, dependencies, this.workdir, embedded, options.batchTimeoutMs);
    this.addJars(dependencies.jars);
    if (options.cluster) this.restAddress = options.cluster.replace(/\/$/, '');
  }

  /** What every job of the session gets, embedded or on a cluster. */
  private jobDefaults(): Record<string, string> {
    return {
      'execution.runtime-mode': this.mode.toUpperCase(),
      'parallelism.default': String(this.parallelism),
      // JS Dates arrive as UTC instants in TIMESTAMP columns, so date parts are computed in UTC (docs/semantics.md).
      'table.local-time-zone': 'UTC',
    };
  }

  private defaults(): Record<string, string> {
    return {
      ...this.jobDefaults(),
      'execution.target': 'flinkframe-embedded',
      'taskmanager.numberOfTaskSlots': String(this.parallelism),
      'rest.bind-address': '127.0.0.1',
      'rest.address': '127.0.0.1',
      'rest.bind-port': '0',
      // Everything Flink writes goes under the work dir, which close() removes.
      'io.tmp.dirs': this.workdir.fresh('flink-tmp'),
      'web.tmpdir': this.workdir.fresh('flink-web'),
      'blob.storage.directory': this.workdir.fresh('flink-blobs'),
      'taskmanager.memory.managed.size': '256m',
      // Slot requests are otherwise checked every 50 ms and batched for 20 more: 60 ms of every small query.
      'slotmanager.requirement-check.delay': '0 ms',
      'slot.request.max-interval': '0 ms',
      // Job progress reads vertex record counts through the REST API; Flink refreshes them this often.
      'metrics.fetcher.update-interval': '1000',
      'web.refresh-interval': '200',
    };
  }

  /** The result columns of a query, resolved by Flink's planner (no job runs). */
  schemaOf(query: string): Schema {
    let schema = this.schemas.get(query);
    if (!schema) {
      const json = this.call(() => this.flink.schemaSync(query), 'Planning the query', query);
      schema = (JSON.parse(json) as { name: string; type: string }[]).map(({ name, type }) => ({ name, type }));
      if (this.schemas.size >= KEPT_SCHEMAS) this.schemas.delete(this.schemas.keys().next().value!); // the oldest
      this.schemas.set(query, schema);
    }
    return schema;
  }

  /** After a change of what a name means (a view replaced, a function registered). @internal */
  forgetSchemas(): void {
    this.schemas.clear();
  }

  /** A statement that starts no job (DDL). */
  execute(statement: string): void {
    if (!FRESH_TABLE_DDL.test(statement)) this.forgetSchemas();
    this.call(() => this.flink.executeSync(statement), 'Flink SQL statement', statement);
  }

  explain(query: string): string {
    return this.call(() => this.flink.explainSync(query), 'Explaining the query', query);
  }

  /** Where in-memory sources are served to Flink from. */
  sourceServer(): SourceServer {
    this.assertOpen();
    return this.sources;
  }

  /**
   * Forgets an in-memory table no frame can read any more, once no job runs: its columns (which the serving
   * thread's splits hold), its Flink table and its stand-in files. Called from a finalizer: it must not throw.
   */
  releaseSource(table: string, dir: string): void {
    this.releases.whenIdle(() => {
      if (this.closed) return;
      this.sources.release(table);
      rmSync(dir, { recursive: true, force: true });
      try {
        this.execute(dropTableDdl(table));
      } catch {
        // the session is closing: its catalog goes with it
      }
    });
  }

  /** Runs a job to completion; resolves to its job id. Planning happens here, the wait off the main thread. */
  async run(statement: string, query = statement): Promise<string> {
    const job = this.call(() => this.flink.submitSync(statement), 'Planning the job', query);
    const id = job.idSync();
    const watch = this.progress && watchJob(this.rest(), id, this.progress.listener, this.progress.timing);
    this.releases.jobStarted();
    try {
      await fromOwnStack(() => job.finish());
      this.finished(job);
      return id;
    } catch (e) {
      throw readableJavaError(e, 'The Flink job', query);
    } finally {
      this.releases.jobEnded();
      await watch?.stop();
    }
  }

  /**
   * Starts a job and returns at once: for jobs that stream their results (they may never end). `finished`
   * settles when the job ends; a job ended by cancel() resolves it.
   */
  start(statement: string, query = statement): { id: string; finished: Promise<void>; cancel(): void } {
    const job = this.call(() => this.flink.submitSync(statement), 'Planning the job', query);
    let cancelled = false;
    this.releases.jobStarted();
    const finished = fromOwnStack(() => job.finish()).catch((e: unknown) => {
      if (!cancelled) throw readableJavaError(e, 'The Flink job', query);
    }).finally(() => this.releases.jobEnded());
    return {
      id: job.idSync(),
      finished,
      cancel: () => {
        if (cancelled || this.closed) return;
        cancelled = true;
        job.cancelSync();
      },
    };
  }

  /** The JobManager's REST address (the embedded cluster binds a free loopback port). */
  rest(): string {
    return (this.restAddress ??= this.flink.restAddressSync());
  }

  /**
   * Whether a job reuses the operator classes (and their JIT-compiled code) an earlier job of the session compiled
   * from the same generated code: the embedded cluster does (java/.../ReusedGeneratedCode.java).
   */
  reusesGeneratedCode(): boolean {
    return this.flink.reusesGeneratedCodeSync();
  }

  /**
   * Runs a small job to completion on the main thread: for the pre-queries a verb needs to know its output
   * schema (pivot keys). Safe because nothing the job needs waits for this thread: the result moves by file, and
   * in-memory sources are encoded ahead and served by their own thread: those of `tables`, which must name every
   * table the job reads (src/frame/tables-read.ts).
   */
  runSync(statement: string, query: string, tables: ReadonlySet<string>): void {
    this.sources.encodeAhead(tables); // this thread waits for the job: it could not encode while the job reads
    try {
      const job = this.call(() => this.flink.submitSync(statement), 'Planning the job', query);
      try {
        job.finishSync();
        this.finished(job);
      } catch (e) {
        throw readableJavaError(e, 'The Flink job', query);
      }
    } finally {
      this.sources.dropAhead();
    }
  }

  private finished(job: JavaRunningJob): void {
    this.lastFinished = job;
    this.lastReport = undefined;
  }

  /** The id and UDF metrics of the job that finished last, or undefined before the first job. */
  lastJob(): JobReport | undefined {
    if (!this.lastReport && this.lastFinished) {
      const job = this.lastFinished;
      this.lastReport = this.call(() => jobReport(job), 'Reading the finished job\'s metrics', '');
    }
    return this.lastReport;
  }

  /** Registers a JavaScript UDF stage over a query as a temporary view (planned here, on the main thread). */
  udfStage(inputQuery: string, view: string, spec: string): void {
    const shipped = this.shipping.launch(spec);
    this.call(() => this.flink.udfStageSync(inputQuery, view, shipped), 'Building the JavaScript UDF stage', inputQuery);
  }

  /** Registers an aggregate JavaScript UDF stage (one row per group of the key columns) as a temporary view. */
  udfAggregateStage(inputQuery: string, view: string, spec: string): void {
    const shipped = this.shipping.launch(spec);
    this.call(() => this.flink.udfAggregateStageSync(inputQuery, view, shipped), 'Building the JavaScript aggregate UDF stage', inputQuery);
  }

  /** Makes a JavaScript UDF callable by name from SQL. */
  registerJsFunction(name: string, spec: string): void {
    const shipped = this.shipping.launch(spec);
    this.forgetSchemas(); // a query that named the function may have meant another one
    this.call(() => this.flink.registerJsFunctionSync(name, shipped), 'Registering the JavaScript function', name);
  }

  /** Jars of Java functions: on the planner's class path and shipped with every job (Flink's ADD JAR). */
  addJars(jars: string[]): void {
    for (const jar of jars) this.execute(`ADD JAR '${jar.replace(/'/g, "''")}'`);
  }

  fileUri(path: string): string {
    return pathToFileURL(path).href;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flink.closeSync();
    } finally {
      this.workdir.remove();
      await this.sources.close();
      releaseFreedMemory();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private call<T>(fn: () => T, what: string, sql: string): T {
    this.assertOpen();
    try {
      return fn();
    } catch (e) {
      throw readableJavaError(e, what, sql);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('flinkframe: this session is closed; start a new one with session() or use the module-level functions.');
  }
}

function stringify(config: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
}

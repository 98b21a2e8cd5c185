/**
 * What a session ships with its jobs for its UDFs besides their code (PyFlink's dependency management): files the
 * UDFs read, a node_modules folder their modules import from, the Node executable of the machines that run the
 * tasks, and jars of Java functions. The session's API and the CLI's options (--files, --node-modules, --node,
 * --jars) both land here; udf-shipping.ts hands them to Flink.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { FlinkFrameError } from '../errors.js';

/** What session options can say about dependencies (the CLI fills these). */
export interface DependencyOptions {
  /** Files UDFs read: each is in the worker's working directory under its base name. */
  files?: string[];
  /** A node_modules folder, or a .tgz archive of one, that UDF modules import packages from. */
  nodeModules?: string;
  /** The Node executable on the machines that run the tasks (default: this process's in embedded mode, else 'node'). */
  node?: string;
  /** Jars of Java functions (CREATE FUNCTION ... AS 'Class'), shipped with the jobs (Flink's ADD JAR). */
  jars?: string[];
}

function existing(path: string, what: string): string {
  const full = resolve(path);
  if (!existsSync(full)) throw new FlinkFrameError(`${what}: ${path} does not exist (resolved to ${full}).`);
  return full;
}

export class UdfDependencies {
  /** Files by the name a UDF reads them under. */
  readonly files = new Map<string, string>();
  readonly jars: string[] = [];
  nodeModules?: string;
  node?: string;
  /** A .tgz's contents, unpacked on first use into a folder the session owns. */
  private archive?: string;

  constructor(options: DependencyOptions = {}) {
    if (options.files?.length) this.addFiles(options.files);
    if (options.nodeModules) this.addNodeModules(options.nodeModules);
    if (options.node) this.nodeExecutable(options.node);
    if (options.jars?.length) this.addJars(options.jars);
  }

  addFiles(paths: string[]): void {
    for (const path of paths) {
      const full = existing(path, 'addFiles');
      const name = basename(full);
      const taken = this.files.get(name);
      if (taken && taken !== full) {
        throw new FlinkFrameError(`addFiles: ${path} and ${taken} have the same name "${name}", which is what a UDF reads them by; rename one.`);
      }
      this.files.set(name, full);
    }
  }

  addNodeModules(pathOrTgz: string): void {
    const full = existing(pathOrTgz, 'addNodeModules');
    if (statSync(full).isDirectory()) {
      this.nodeModules = full;
      this.archive = undefined;
    } else if (/\.(tgz|tar\.gz)$/.test(full)) {
      this.archive = full;
      this.nodeModules = undefined;
    } else {
      throw new FlinkFrameError(`addNodeModules: ${pathOrTgz} is neither a folder nor a .tgz archive; give a node_modules folder or a .tgz of one.`);
    }
  }

  nodeExecutable(path: string): void {
    if (typeof path !== 'string' || !path) throw new FlinkFrameError('nodeExecutable: give the path of the Node executable, e.g. "/usr/bin/node" or "node".');
    this.node = path;
  }

  /** Adds jars; returns the ones not added before. */
  addJars(paths: string[]): string[] {
    const added: string[] = [];
    for (const p of paths) {
      const full = existing(p, 'addJars');
      if (!full.endsWith('.jar')) throw new FlinkFrameError(`addJars: ${p} is not a .jar file.`);
      if (this.jars.includes(full)) continue;
      this.jars.push(full);
      added.push(full);
    }
    return added;
  }

  /** The node_modules folder to ship, unpacking an archive into `scratch` the first time. */
  nodeModulesFolder(scratch: () => string): string | undefined {
    if (this.nodeModules || !this.archive) return this.nodeModules;
    const into = scratch();
    try {
      execFileSync('tar', ['-xzf', this.archive, '-C', into], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      throw new FlinkFrameError(`addNodeModules: cannot unpack ${this.archive} with tar: ${(e as Error).message}`);
    }
    // an archive of a node_modules folder, or of its contents
    const top = readdirSync(into);
    this.nodeModules = top.length === 1 && top[0] === 'node_modules' ? join(into, 'node_modules') : into;
    return this.nodeModules;
  }
}

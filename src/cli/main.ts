#!/usr/bin/env node
/**
 * The flinkframe command:
 *   flinkframe run job.ts [--cluster URL] [--parallelism N] [job args...]   runs a job script on the embedded
 *     Flink, or on the cluster whose REST address is given
 *     with what its UDFs need: [--files a,b] [--node-modules dir|tgz] [--node path] [--jars x.jar] (any command)
 *   flinkframe explain job.ts [job args...]                 prints the explain() of each frame the job would run
 *   flinkframe sql [--file name=path ...]                   an interactive SQL shell over files
 */
import * as ff from '../index.js';
import { intOption, parseArgs } from './args.js';
import { dependencyOptions } from './dependency-options.js';
import { runJob } from './run-job.js';
import { sqlShell } from './sql-shell.js';

const USAGE = `usage:
  flinkframe run <job.ts|job.js> [--cluster URL] [--parallelism N] [job arguments...]
  flinkframe explain <job.ts|job.js> [job arguments...]
  flinkframe sql [--file name=path.csv|.json|.parquet ...] [--cluster URL] [--parallelism N]
  --cluster http://host:8081   submit to a running Flink cluster (npm run cluster:start) instead of the embedded one
what UDFs and SQL functions need (run, explain, sql):
  --files a.json,b.csv    files UDFs read from their working directory
  --node-modules dir|tgz  a node_modules folder (or .tgz of one) UDF modules import packages from
  --node path             the Node executable where tasks run
  --jars x.jar,y.jar      jars of Java functions for SQL`;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const parallelism = intOption(args, 'parallelism');
  ff.configureDefaultSession(dependencyOptions(args));
  const cluster = args.options.get('cluster')?.at(-1);
  if (cluster) ff.configureDefaultSession({ cluster });
  switch (args.command) {
    case 'run':
    case 'explain': {
      const [job, ...jobArgs] = args.positional;
      if (!job) break;
      await runJob(job, jobArgs, { parallelism, explain: args.command === 'explain' });
      return 0;
    }
    case 'sql':
      return sqlShell(args.options.get('file') ?? [], { parallelism });
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

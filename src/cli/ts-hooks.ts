/**
 * Node module hooks (registered with module.register) that let the CLI run a TypeScript job unchanged:
 * `.ts` files are transpiled on load with TypeScript's transpileModule (no type check, as tsx or ts-node's
 * transpile-only mode), and `import 'flinkframe'` resolves to the CLI's own copy of the library, so the
 * CLI's settings (parallelism, explain mode) reach the frames the job builds.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface HookData {
  /** URL of the library's entry point (dist/src/index.js). */
  readonly flinkframe: string;
  /** The job's folder: its own typescript is preferred over the library's. */
  readonly jobDir: string;
}

type Resolved = { url: string; format?: string; shortCircuit?: boolean };
type NextResolve = (specifier: string, context: ResolveContext) => Promise<Resolved>;
type ResolveContext = { parentURL?: string };
type Loaded = { format: string; source?: string | Buffer; shortCircuit?: boolean };
type NextLoad = (url: string, context: object) => Promise<Loaded>;
type TypeScript = typeof import('typescript');

let data: HookData;
let typescript: Promise<TypeScript> | undefined;

export function initialize(hookData: HookData): void {
  data = hookData;
}

/** TypeScript from the job's project if it has one, else the library's own (a devDependency here). */
function loadTypeScript(): Promise<TypeScript> {
  return (typescript ??= (async () => {
    for (const base of [`${data.jobDir}/`, import.meta.url]) {
      try {
        const path = createRequire(base).resolve('typescript');
        const mod = (await import(pathToFileURL(path).href)) as { default?: TypeScript } & TypeScript;
        return mod.default ?? mod;
      } catch {
        // try the next place
      }
    }
    throw new Error('flinkframe: running a .ts job needs the typescript package: npm install --save-dev typescript');
  })());
}

const isTypeScript = (url: string) => /\.(ts|mts)$/.test(new URL(url).pathname);

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<Resolved> {
  if (specifier === 'flinkframe') return { url: data.flinkframe, shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (error) {
    // NodeNext-style sources import './helper.js' for './helper.ts'.
    const fromTs = context.parentURL && isTypeScript(context.parentURL);
    if (fromTs && specifier.startsWith('.') && specifier.endsWith('.js')) {
      return next(specifier.slice(0, -3) + '.ts', context);
    }
    throw error;
  }
}

export async function load(url: string, context: object, next: NextLoad): Promise<Loaded> {
  if (!url.startsWith('file:') || !isTypeScript(url)) return next(url, context);
  const ts = await loadTypeScript();
  const fileName = fileURLToPath(url);
  const output = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    // ES2022 keeps arrow functions as written: Arquero-style lambdas are parsed from their source text.
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false, inlineSourceMap: true },
  });
  return { format: 'module', source: output.outputText, shortCircuit: true };
}

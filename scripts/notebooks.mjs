// `npm run notebooks`: executes every notebook in notebooks/ headlessly on the tslab kernel and fails on any
// failing cell. It sets up what that needs on first run: a Python virtual environment (notebooks/.venv) with
// the Jupyter client packages from PyPI, and the tslab kernel (a devDependency) registered in it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const notebooks = join(root, 'notebooks');
const venv = join(notebooks, '.venv');
const python = join(venv, 'bin', 'python');
// Versions tested together; tslab's `install` needs jupyter_client and IPython (ipykernel brings it).
const requirements = ['jupyter_client==8.10.0', 'nbclient==0.11.0', 'nbformat==5.11.1', 'ipykernel==7.4.0', 'pyzmq==27.3.0'];
const stamp = join(venv, 'flinkframe-requirements.txt');

/** Runs a command in the foreground; if it fails, so does this script (with its exit code, no stack trace). */
function run(command, args) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const { status, error } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}

// The environment is reused while it holds exactly these requirements.
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== requirements.join('\n')) {
  if (!existsSync(python)) run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv]);
  run(python, ['-m', 'pip', 'install', '--quiet', ...requirements]);
  writeFileSync(stamp, requirements.join('\n'));
}

// Cells are type-checked with Node-style module lookup, which does not see a package's own name: a link
// notebooks/node_modules/flinkframe -> the checkout lets `import ... from 'flinkframe'` type-check as it
// would for a user who installed the package. (At run time Node's self-reference resolves it anyway.)
const link = join(notebooks, 'node_modules', 'flinkframe');
if (!existsSync(link)) {
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), root), link, 'dir');
}

// The kernel spec names this checkout's tslab, so it is written again each time (it takes a moment).
const tslab = join(root, 'node_modules', '.bin', 'tslab');
if (!existsSync(tslab)) throw new Error('tslab is not installed: run npm ci first');
run(tslab, ['install', `--python=${python}`, `--binary=${tslab}`, '--sys-prefix']);

const files = readdirSync(notebooks).filter((f) => f.endsWith('.ipynb')).sort();
if (!files.length) throw new Error('no notebooks in notebooks/');
run(python, [join(root, 'scripts', 'run-notebooks.py'), join(root, 'out', 'notebooks'), ...files.map((f) => join(notebooks, f))]);

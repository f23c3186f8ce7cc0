/**
 * The Python clients the tests check the console against (confluent-kafka with its
 * schema-registry serializers; see e2e/support/schema_clients.py), installed from PyPI into
 * .cache/venv from scripts/python/requirements.txt, once per change of that file.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/kafka/cluster';

const venv = join(projectRoot, '.cache', 'venv');
const python = join(venv, 'bin', 'python');
const requirements = join(projectRoot, 'scripts', 'python', 'requirements.txt');
const marker = join(venv, '.schema-clients-requirements');

function run(cmd: string, args: string[], log: (line: string) => void): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && output.trim()) log(output.trim().slice(-3000));
      resolve(code);
    });
  });
}

let installing: Promise<string> | null = null;

/**
 * Creates the venv and installs the requirements unless they are installed already. The test
 * environment calls it while its clusters start (from a fresh clone it takes a minute or more),
 * so no test waits for PyPI.
 */
export function ensurePythonClients(log: (line: string) => void = () => {}): Promise<string> {
  installing ??= (async () => {
    const wanted = readFileSync(requirements, 'utf8');
    if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted && existsSync(python)) return python;
    if (!existsSync(python)) {
      log(`Creating a Python virtual environment in ${venv}`);
      if ((await run(process.env.FUZZ_PYTHON ?? 'python3', ['-m', 'venv', venv], log)) !== 0)
        throw new Error('python3 -m venv failed: install Python 3.10+ with its venv module (Debian: apt-get install python3-venv)');
    }
    log(`Installing ${requirements} from PyPI`);
    const started = Date.now();
    if ((await run(join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '--quiet', '-r', requirements], log)) !== 0)
      throw new Error(`pip install -r ${requirements} failed`);
    writeFileSync(marker, wanted);
    log(`Python clients installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return python;
  })().catch((err) => {
    installing = null;
    throw err;
  });
  return installing;
}

/** Runs one command of schema_clients.py (JSON in, JSON out). */
export async function schemaClients<T>(command: Record<string, unknown>): Promise<T> {
  const py = await ensurePythonClients();
  return new Promise((resolve, reject) => {
    const child = spawn(py, [join(projectRoot, 'e2e', 'support', 'schema_clients.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // schema_clients.py stops itself after 55 s with every thread's stack; this is the backstop.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const started = Date.now();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const took = `after ${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (code !== 0) return reject(new Error(`schema_clients.py ${String(command.op)} exited ${code ?? signal} ${took}: ${err.slice(-3000)}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`schema_clients.py printed no JSON: ${out.slice(0, 500)} ${err.slice(-1000)}`));
      }
    });
    child.stdin.end(JSON.stringify(command));
  });
}

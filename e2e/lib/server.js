// Builds the trackbase binary and runs it on a free loopback port over a temporary data dir.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(new URL('../..', import.meta.url).pathname);

export function buildBinary(outDir) {
  const bin = path.join(outDir, 'trackbase');
  execFileSync('go', ['build', '-o', bin, '.'], {
    cwd: repoRoot,
    env: { ...process.env, GOTOOLCHAIN: 'auto' },
    stdio: 'inherit',
  });
  return bin;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// run executes one CLI command of the binary (seed, superuser …) and fails loudly with its output.
export function run(bin, args, env = {}) {
  try {
    return execFileSync(bin, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

export function makeDataDir(prefix = 'trackbase-e2e-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// start serves dataDir on a free port and resolves once /api/health answers.
export async function start({ bin, dataDir, env = {}, logFile }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, 'a');
  // --dev=false: PocketBase turns dev mode (every SQL statement echoed) on for binaries built in
  // the temp dir, as run.js builds this one.
  const child = spawn(bin, ['serve', '--http', `127.0.0.1:${port}`, '--dir', dataDir, '--dev=false'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`trackbase exited during start (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`trackbase did not answer /api/health within 30 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    stop() {
      if (exited) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          fs.closeSync(log);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

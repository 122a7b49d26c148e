#!/usr/bin/env node
// Runs the end-to-end suite: builds the binary, starts it twice on free loopback ports over
// temporary data dirs (one instance talks to a fake OpenAI server, one has no API key and so uses
// the offline meal parser), seeds the first, runs `node --test` over tests/ and browser/, then stops
// everything and removes the temporary dirs.
//
//   node run.js [--only api|browser] [--bin PATH] [--keep]
//
// Server logs and screenshots go to e2e/artifacts/.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFakeOpenAI } from './lib/fake-openai.js';
import { buildBinary, makeDataDir, run, start } from './lib/server.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const artifacts = path.join(here, 'artifacts');

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    bin: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const SUPERUSER_EMAIL = 'e2e-admin@example.com';
const SUPERUSER_PASSWORD = 'e2e-admin-password-1';
// Budget for the instance with the fake model: large enough for every AI test, small enough that a
// test can spend it with one reply reporting a large token usage.
const AI_DAILY_TOKENS = '50000';

function testFiles() {
  const dirs = opts.only === 'api' ? ['tests'] : opts.only === 'browser' ? ['browser'] : ['tests', 'browser'];
  return dirs.flatMap((d) =>
    fs
      .readdirSync(path.join(here, d))
      .filter((f) => f.endsWith('.test.js'))
      .sort()
      .map((f) => path.join(d, f)),
  );
}

async function disableRateLimits(url) {
  const auth = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identity: SUPERUSER_EMAIL, password: SUPERUSER_PASSWORD }),
  });
  const { token } = await auth.json();
  const res = await fetch(`${url}/api/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ rateLimits: { enabled: false } }),
  });
  if (!res.ok) throw new Error(`could not turn the rate limiter off: ${res.status} ${await res.text()}`);
}

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trackbase-e2e-bin-'));
  const dirs = [tmp];
  const servers = [];
  const fake = createFakeOpenAI();
  let exitCode = 1;
  try {
    const bin = opts.bin ? path.resolve(opts.bin) : buildBinary(tmp);

    const mainDir = makeDataDir();
    const offlineDir = makeDataDir();
    dirs.push(mainDir, offlineDir);
    console.log(`seeding ${mainDir}`);
    run(bin, ['seed', '--full', '--yes', '--days', '30', '--dir', mainDir]);
    for (const dir of [mainDir, offlineDir]) {
      run(bin, ['superuser', 'upsert', SUPERUSER_EMAIL, SUPERUSER_PASSWORD, '--dir', dir]);
    }

    const fakePort = await fake.listen();
    const fakeURL = `http://127.0.0.1:${fakePort}`;
    const mainServer = await start({
      bin,
      dataDir: mainDir,
      logFile: path.join(artifacts, 'server.log'),
      env: {
        OPENAI_API_KEY: 'sk-e2e-fake-key',
        OPENAI_BASE_URL: `${fakeURL}/v1`,
        OPENAI_MODEL: 'gpt-4o-mini',
        OPENAI_TIMEOUT: '2s',
        OPENAI_MAX_RETRIES: '2',
        OPENAI_RETRY_BACKOFF: '100ms',
        TRACKBASE_AI_DAILY_TOKENS: AI_DAILY_TOKENS,
      },
    });
    servers.push(mainServer);
    // The suite signs up and logs in far more users per minute than the sign-in limits allow from
    // one address; the main instance turns the limiter off, the offline one keeps the shipped
    // limits and tests them (tests/limits.test.js).
    await disableRateLimits(mainServer.url);
    const offlineServer = await start({
      bin,
      dataDir: offlineDir,
      logFile: path.join(artifacts, 'server-offline.log'),
      env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
    });
    servers.push(offlineServer);
    console.log(`trackbase on ${mainServer.url} (fake model at ${fakeURL}), offline instance on ${offlineServer.url}`);

    exitCode = await new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        ['--experimental-eventsource', '--test', '--test-concurrency=2', ...testFiles()],
        {
          cwd: here,
          stdio: 'inherit',
          env: {
            ...process.env,
            TRACKBASE_URL: mainServer.url,
            TRACKBASE_OFFLINE_URL: offlineServer.url,
            FAKE_OPENAI_URL: fakeURL,
            TRACKBASE_SUPERUSER_EMAIL: SUPERUSER_EMAIL,
            TRACKBASE_SUPERUSER_PASSWORD: SUPERUSER_PASSWORD,
            TRACKBASE_AI_DAILY_TOKENS: AI_DAILY_TOKENS,
            E2E_ARTIFACTS: artifacts,
          },
        },
      );
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } catch (err) {
    console.error(err.message ?? err);
    exitCode = 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await fake.close();
    if (!opts.keep) {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    } else {
      console.log(`kept: ${dirs.join(' ')}`);
    }
  }
  process.exitCode = exitCode;
}

main();

// The admin dashboard in a real browser: Debian's chromium driven by playwright-core (no browser
// download). A superuser signs in at /_/, opens the collections list, every collection of SPEC §2
// is listed, and a screenshot is saved to e2e/artifacts/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { baseURL, specCollections, superuserEmail, superuserPassword } from '../lib/client.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = process.env.E2E_ARTIFACTS ?? path.resolve('artifacts');

test('a superuser signs in to the dashboard and sees every collection', { timeout: 120_000 }, async (t) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'trackbase-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 1400 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  t.after(async () => {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await page.goto(`${baseURL}/_/#/login`);
  await page.locator('#login_identity').fill(superuserEmail);
  await page.locator('#login_pass').fill(superuserPassword);
  await page.locator('form.auth-with-password-form button:not([type=button])').click();

  // After sign-in the dashboard lands on the collections page with its sidebar list.
  await page.waitForURL(/#\/collections/, { timeout: 30_000 });
  const items = page.locator('.collections-sidebar .nav-item[title]');
  await items.first().waitFor({ timeout: 30_000 });

  fs.mkdirSync(artifacts, { recursive: true });
  const shot = path.join(artifacts, 'dashboard-collections.png');
  await page.screenshot({ path: shot, fullPage: true });

  const listed = await items.evaluateAll((els) => els.map((el) => el.getAttribute('title')));
  const missing = specCollections.filter((name) => !listed.includes(name));
  assert.deepEqual(missing, [], `collections missing from the dashboard list (screenshot ${shot})`);
  assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot is not empty');

  // Open a tracker: the dashboard shows its records (the seeded rows) next to the list.
  await page.locator('.collections-sidebar .nav-item[title="weight_logs"]').click();
  await page.waitForURL(/collection=weight_logs/, { timeout: 30_000 });
  await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(artifacts, 'dashboard-weight-logs.png'), fullPage: true });
  assert.deepEqual(pageErrors, [], 'the dashboard raised JavaScript errors');
  assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot is not empty');
});

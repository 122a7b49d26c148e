// routes/account: logout (one session or all) and usage analytics, through pb.send.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { baseURL, client, expectError, signUp, superuser } from '../lib/client.js';

let su;
before(async () => {
  su = await superuser();
});

// A second client signed in as the same user: another device.
async function secondSession(account) {
  const pb = client();
  await pb.collection('users').authWithPassword(account.username, account.password);
  return pb;
}

test('logout revokes the presented token everywhere; other sessions keep working', async () => {
  const alice = await signUp();
  const phone = await secondSession(alice);
  const res = await alice.pb.send('/api/auth/logout', { method: 'POST' });
  assert.equal(res.data.all, false);
  assert.ok(res.data.revoked_until, 'says until when the token is revoked');

  // The revoked token: CRUD and custom routes answer 401.
  const crud = await expectError(() => alice.pb.collection('weight_logs').getList(1, 1));
  assert.equal(crud.status, 401);
  const custom = await expectError(() => alice.pb.send('/api/analytics/usage', {}));
  assert.equal(custom.status, 401);
  const refresh = await expectError(() => alice.pb.collection('users').authRefresh());
  assert.equal(refresh.status, 401);

  // The other device is still signed in.
  assert.equal((await phone.collection('weight_logs').getList(1, 1)).totalItems, 0);
});

test('logout with all: true ends every session of the user', async () => {
  const bob = await signUp();
  const laptop = await secondSession(bob);
  const res = await bob.pb.send('/api/auth/logout', { method: 'POST', body: { all: true } });
  assert.equal(res.data.all, true);
  for (const pb of [bob.pb, laptop]) {
    const err = await expectError(() => pb.collection('water_logs').getList(1, 1));
    assert.equal(err.status, 401);
  }
  // Signing in again gives a working session.
  const fresh = await secondSession(bob);
  assert.equal((await fresh.collection('water_logs').getList(1, 1)).totalItems, 0);
});

test('logout needs a token and a JSON body', async () => {
  const anon = await expectError(() => client().send('/api/auth/logout', { method: 'POST' }));
  assert.equal(anon.status, 401);
  const { pb } = await signUp();
  const bad = await expectError(() =>
    pb.send('/api/auth/logout', { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } }),
  );
  assert.equal(bad.status, 400);
});

test('own usage: empty for a new user, days validated', async () => {
  const { pb } = await signUp();
  const res = await pb.send('/api/analytics/usage', { query: { days: 7 } });
  assert.equal(res.data.days, 7);
  assert.equal(res.data.timezone, 'UTC');
  assert.equal(res.data.totals.calls, 0);
  assert.equal(res.data.totals.success_rate_pct, null);
  assert.deepEqual(res.data.by_model, []);
  assert.deepEqual(res.data.by_day, []);

  const bad = await expectError(() => pb.send('/api/analytics/usage', { query: { days: 0 } }));
  assert.equal(bad.status, 400);
  assert.ok(bad.response.data.days);
  assert.equal((await expectError(() => client().send('/api/analytics/usage', {}))).status, 401);
});

test('usage of everyone: 403 for a user, 200 for an admin and a superuser', async () => {
  const user = await signUp();
  const denied = await expectError(() => user.pb.send('/api/analytics/usage/all', {}));
  assert.equal(denied.status, 403);

  const levels = await su.collection('access_levels').getFullList();
  const admin = await signUp();
  await su.collection('users').update(admin.user.id, { access_level: levels.find((l) => l.role_name === 'admin').id });
  await admin.pb.collection('users').authWithPassword(admin.username, admin.password);

  for (const pb of [admin.pb, su]) {
    const res = await pb.send('/api/analytics/usage/all', { query: { days: 30 } });
    for (const key of ['totals', 'by_model', 'by_day', 'by_user', 'errors_by_type', 'routes']) {
      assert.ok(key in res.data, `has ${key}`);
    }
  }
  // This suite's own sign-ups reach the per-route table once PocketBase writes its request log: it
  // buffers log entries until 200 are queued or 3 s pass without one (every request restarts that
  // wait). 200 health checks fill the buffer whatever the other test files are doing.
  await Promise.all(Array.from({ length: 200 }, () => fetch(`${baseURL}/api/health`)));
  let routes = [];
  for (let i = 0; i < 10; i++) {
    routes = (await su.send('/api/analytics/usage/all', { query: { days: 1 } })).data.routes;
    if (routes.some((r) => r.route.includes('/api/collections/users') && r.requests > 0)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const signUps = routes.find((r) => r.route.includes('/api/collections/users'));
  assert.ok(signUps?.requests > 0, JSON.stringify(routes.slice(0, 5)));
  assert.ok(signUps.p50_ms >= 0 && signUps.p95_ms >= signUps.p50_ms);
});

test('a logged-out token stops receiving realtime events and cannot subscribe again', async (t) => {
  const alice = await signUp();
  const phone = await secondSession(alice);
  const seen = [];
  await alice.pb.collection('weight_logs').subscribe('*', (e) => seen.push(e.record.id));
  // Unsubscribing needs a valid token, which this test revokes; close the connection instead so
  // the SDK's reconnect loop does not keep the test process alive.
  t.after(() => alice.pb.realtime.disconnect());

  const first = await phone.collection('weight_logs').create({ weight: 70, weight_unit: 'kg' });
  for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(seen, [first.id], 'the subscription works before logout');

  await alice.pb.send('/api/auth/logout', { method: 'POST' });
  await phone.collection('weight_logs').create({ weight: 71, weight_unit: 'kg' });
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(seen, [first.id], 'no event reaches the revoked session');

  const again = await expectError(() => alice.pb.collection('water_logs').subscribe('*', () => {}));
  assert.equal(again.status, 401);
});

// The signature's last base64url character carries 2 unused bits that the JWT decoder ignores, so
// the letter at index(c) XOR 1 spells the same token differently.
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const respelled = (token) => token.slice(0, -1) + BASE64URL[BASE64URL.indexOf(token.at(-1)) ^ 1];

test('another spelling of a token is refused: a logged-out one stays logged out, a live one too', async (t) => {
  const alice = await signUp();
  const { token, record } = alice.pb.authStore;
  const live = await secondSession(alice);
  await alice.pb.send('/api/auth/logout', { method: 'POST' });

  for (const original of [token, live.authStore.token]) {
    const pb = client();
    pb.authStore.save(respelled(original), record);
    t.after(() => pb.realtime.disconnect());
    const calls = {
      crud: () => pb.collection('weight_logs').getList(1, 1),
      custom: () => pb.send('/api/analytics/usage', {}),
      refresh: () => pb.collection('users').authRefresh(),
      subscribe: () => pb.collection('weight_logs').subscribe('*', () => {}),
    };
    for (const [name, call] of Object.entries(calls)) {
      const err = await expectError(call);
      assert.equal(err.status, 401, `${name} with a respelled token`);
    }
  }
  // the live token as issued still works
  assert.equal((await live.collection('weight_logs').getList(1, 1)).totalItems, 0);
});

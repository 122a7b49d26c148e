// Realtime through the SDK (EventSource): a user receives events for their own new rows and never
// for another user's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signUp } from '../lib/client.js';

const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

async function waitFor(predicate, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await settle(50);
  }
  return predicate();
}

test('each user gets events for their own rows only', async (t) => {
  assert.equal(typeof EventSource, 'function', 'run with --experimental-eventsource (run.js does)');
  const [alice, bob] = await Promise.all([signUp(), signUp()]);
  const seen = { alice: [], bob: [] };

  const unsubA = await alice.pb.collection('weight_logs').subscribe('*', (e) => seen.alice.push(e));
  const unsubB = await bob.pb.collection('weight_logs').subscribe('*', (e) => seen.bob.push(e));
  t.after(async () => {
    await unsubA();
    await unsubB();
  });

  const a1 = await alice.pb.collection('weight_logs').create({ weight: 60.5, weight_unit: 'kg' });
  const b1 = await bob.pb.collection('weight_logs').create({ weight: 90.5, weight_unit: 'kg' });
  await alice.pb.collection('weight_logs').update(a1.id, { weight: 60.7 });
  await bob.pb.collection('weight_logs').delete(b1.id);

  assert.ok(await waitFor(() => seen.alice.length >= 2 && seen.bob.length >= 2), JSON.stringify(seen));
  await settle(); // any stray cross-user event would arrive by now

  assert.deepEqual(seen.alice.map((e) => [e.action, e.record.id]), [['create', a1.id], ['update', a1.id]]);
  assert.deepEqual(seen.bob.map((e) => [e.action, e.record.id]), [['create', b1.id], ['delete', b1.id]]);
  assert.equal(seen.alice[1].record.weight, 60.7);
});

test('a subscription to one record of another user receives nothing', async (t) => {
  const [alice, bob] = await Promise.all([signUp(), signUp()]);
  const row = await alice.pb.collection('water_logs').create({ amount: 200, unit: 'ml' });
  const seen = [];
  const unsub = await bob.pb.collection('water_logs').subscribe(row.id, (e) => seen.push(e));
  t.after(() => unsub());

  await alice.pb.collection('water_logs').update(row.id, { amount: 300 });
  await settle();
  assert.deepEqual(seen, []);
});

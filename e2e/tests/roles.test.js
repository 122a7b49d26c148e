// Roles as the dashboard assigns them: an admin reads every user's rows, a guest reads only.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, signUp, superuser } from '../lib/client.js';

let su;
let levels;

// setRole changes a user's access level as an operator would in the dashboard, then signs the
// user in again so the new role is in effect for their client.
async function setRole(account, role) {
  await su.collection('users').update(account.user.id, { access_level: levels[role] });
  await account.pb.collection('users').authWithPassword(account.username, account.password);
}

before(async () => {
  su = await superuser();
  levels = Object.fromEntries((await su.collection('access_levels').getFullList()).map((l) => [l.role_name, l.id]));
});

test('an admin lists and views every user’s rows but cannot write in their name', async () => {
  const [alice, admin] = await Promise.all([signUp(), signUp()]);
  await setRole(admin, 'admin');
  const row = await alice.pb.collection('weight_logs').create({ weight: 58, weight_unit: 'kg' });

  const seen = await admin.pb.collection('weight_logs').getOne(row.id);
  assert.equal(seen.user, alice.user.id);
  const listed = await admin.pb.collection('weight_logs').getList(1, 5, {
    filter: admin.pb.filter('user = {:u}', { u: alice.user.id }),
  });
  assert.equal(listed.totalItems, 1);

  const edit = await expectError(() => admin.pb.collection('weight_logs').update(row.id, { weight: 1 }));
  assert.ok([403, 404].includes(edit.status), `status ${edit.status}`);
  const forged = await expectError(() =>
    admin.pb.collection('weight_logs').create({ user: alice.user.id, weight: 1, weight_unit: 'kg' }),
  );
  assert.ok([400, 403].includes(forged.status), `status ${forged.status}`);
});

test('a guest reads their own rows and writes nothing', async () => {
  const guest = await signUp();
  const own = await guest.pb.collection('steps_logs').create({ steps: 4000 });
  await setRole(guest, 'guest');

  assert.equal((await guest.pb.collection('steps_logs').getOne(own.id)).steps, 4000);
  const create = await expectError(() => guest.pb.collection('steps_logs').create({ steps: 10 }));
  assert.ok([400, 403].includes(create.status), `create: ${create.status}`);
  const update = await expectError(() => guest.pb.collection('steps_logs').update(own.id, { steps: 10 }));
  assert.ok([400, 403, 404].includes(update.status), `update: ${update.status}`);
  const del = await expectError(() => guest.pb.collection('steps_logs').delete(own.id));
  assert.ok([400, 403, 404].includes(del.status), `delete: ${del.status}`);
  assert.equal((await guest.pb.collection('steps_logs').getList(1, 5)).totalItems, 1);
});

test('reference tables are read-only for users', async () => {
  const { pb } = await signUp();
  const units = await pb.collection('units').getFullList();
  const lb = units.find((u) => u.unit_name === 'lb');
  assert.equal(lb.category, 'weight');
  assert.equal(lb.si_factor, 0.45359237);
  const activity = await pb.collection('activity_levels').getFullList({ sort: 'multiplier' });
  assert.deepEqual(activity.map((a) => a.multiplier), [1.2, 1.375, 1.55, 1.725, 1.9]);
  const edit = await expectError(() => pb.collection('units').update(lb.id, { si_factor: 1 }));
  assert.ok([403, 404].includes(edit.status), `status ${edit.status}`);
});

// What a frontend's sign-up, login and session code does, through the official SDK.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, expectError, signUp, uniq } from '../lib/client.js';

test('sign-up gives role user, metric units, UTC and a priority for every muscle', async () => {
  const { pb, user, username } = await signUp();
  assert.equal(user.username, username);

  const me = await pb.collection('users').getOne(user.id, { expand: 'access_level' });
  assert.equal(me.expand.access_level.role_name, 'user');
  assert.equal(me.unit_preference, 'metric');
  assert.equal(me.timezone, 'UTC');
  assert.equal(me.invite_key, undefined, 'invite_key is hidden');

  const muscles = await pb.collection('muscles').getList(1, 1);
  const priorities = await pb.collection('muscle_logs').getFullList({ expand: 'muscle' });
  assert.equal(muscles.totalItems, 46);
  assert.equal(priorities.length, 46, 'one muscle_logs row per muscle');
  assert.ok(priorities.every((p) => p.priority === 80 && p.user === user.id));
});

test('login by username and by email; a wrong password is refused', async () => {
  const { username, email, password, user } = await signUp();

  const byName = client();
  const a = await byName.collection('users').authWithPassword(username, password);
  assert.equal(a.record.id, user.id);
  assert.ok(byName.authStore.isValid);

  const byEmail = client();
  const b = await byEmail.collection('users').authWithPassword(email, password);
  assert.equal(b.record.id, user.id);

  // Usernames are unique without regard to case, and so is login.
  const byUpper = client();
  const c = await byUpper.collection('users').authWithPassword(username.toUpperCase(), password);
  assert.equal(c.record.id, user.id);

  const err = await expectError(() => client().collection('users').authWithPassword(username, `${password}x`));
  assert.equal(err.status, 400);
});

test('token refresh gives a new token for the same user and the old session keeps working', async () => {
  const { pb, user } = await signUp();
  const before = pb.authStore.token;
  // JWTs issued in the same second are identical; wait so the refresh is a new token.
  await new Promise((r) => setTimeout(r, 1100));
  const refreshed = await pb.collection('users').authRefresh();
  assert.equal(refreshed.record.id, user.id);
  assert.notEqual(refreshed.token, before);
  assert.equal(pb.authStore.token, refreshed.token);
  const rows = await pb.collection('weight_logs').getList(1, 1);
  assert.equal(rows.totalItems, 0);

  const anon = client();
  const err = await expectError(() => anon.collection('users').authRefresh());
  assert.equal(err.status, 401);
});

test('sign-up validates username, time zone and body numbers, naming the field', async () => {
  const pb = client();
  const base = () => {
    const username = uniq('v');
    return { username, email: `${username}@example.com`, password: 'long-enough-1', passwordConfirm: 'long-enough-1' };
  };
  const cases = [
    [{ username: 'ab' }, 'username'],
    [{ username: 'has space' }, 'username'],
    [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    [{ height_cm: 20 }, 'height_cm'],
    [{ gender: 'robot' }, 'gender'],
    [{ birthday: '2999-01-01 00:00:00.000Z' }, 'birthday'],
  ];
  for (const [override, field] of cases) {
    const err = await expectError(() => pb.collection('users').create({ ...base(), ...override }));
    assert.equal(err.status, 400, `${JSON.stringify(override)}`);
    assert.ok(err.response.data[field], `${JSON.stringify(override)} names ${field}: ${JSON.stringify(err.response)}`);
  }

  const taken = base();
  await pb.collection('users').create(taken);
  const dup = await expectError(() =>
    pb.collection('users').create({ ...base(), username: taken.username.toUpperCase() }),
  );
  assert.equal(dup.status, 400);
  assert.ok(dup.response.data.username);
});

test('a user cannot give themselves a role, at sign-up or later', async () => {
  const pb = client();
  const levels = await (await signUp()).pb.collection('access_levels').getFullList();
  const admin = levels.find((l) => l.role_name === 'admin');
  assert.ok(admin, 'access levels are readable by a signed-in user');

  const username = uniq('r');
  const err = await expectError(() =>
    pb.collection('users').create({
      username,
      email: `${username}@example.com`,
      password: 'long-enough-1',
      passwordConfirm: 'long-enough-1',
      access_level: admin.id,
    }),
  );
  assert.ok([400, 403].includes(err.status));

  const { pb: signed, user } = await signUp();
  const upd = await expectError(() => signed.collection('users').update(user.id, { access_level: admin.id }));
  assert.ok([400, 403, 404].includes(upd.status));
  const me = await signed.collection('users').getOne(user.id, { expand: 'access_level' });
  assert.equal(me.expand.access_level.role_name, 'user');

  // The profile itself is editable.
  const edited = await signed.collection('users').update(user.id, { first_name: 'Ada', height_cm: 170, timezone: 'Europe/Paris' });
  assert.equal(edited.first_name, 'Ada');
  assert.equal(edited.timezone, 'Europe/Paris');
});

test('the seeded demo user signs in', async () => {
  const pb = client();
  const auth = await pb.collection('users').authWithPassword('john_doe', 'testpass123');
  assert.equal(auth.record.username, 'john_doe');
  const weights = await pb.collection('weight_logs').getList(1, 5, { sort: '-date_time' });
  assert.ok(weights.totalItems > 0, 'john_doe has seeded weight logs');
});

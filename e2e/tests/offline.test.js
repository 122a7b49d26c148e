// The second instance: no OPENAI_API_KEY (the offline meal parser answers) and the rate limits as
// the migrations ship them (run.js turns the limiter off only on the main instance). Tests here run
// in order: the burst of sign-ins comes last so it does not lock the earlier tests out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, offlineURL } from '../lib/client.js';

test('a burst of sign-in attempts from one address is cut off with 429', async () => {
  const pb = client(offlineURL);
  const statuses = [];
  // The sign-in rule allows 10 attempts per minute per address; the 11th and later are refused.
  for (let i = 0; i < 14; i++) {
    const err = await pb.collection('users').authWithPassword('nobody@example.com', 'wrong-password').catch((e) => e);
    statuses.push(err.status);
  }
  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(400), 'the first attempts are checked (bad credentials)');
  assert.ok(statuses.slice(10).every((s) => s === 429), `then refused: ${statuses.join(',')}`);
});

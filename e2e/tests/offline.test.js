// The second instance: no OPENAI_API_KEY (the offline meal parser answers) and the rate limits as
// the migrations ship them (run.js turns the limiter off only on the main instance). Tests here run
// in order: the burst of sign-ins comes last so it does not lock the earlier tests out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, offlineURL, signUp } from '../lib/client.js';

test('without an API key, parse-meal answers from the offline parser against the foods table', async () => {
  const a = await signUp({ url: offlineURL });
  const banana = await a.pb.collection('foods').create({ food_name: 'Banana', serving_size: 1, unit: 'piece', calories: 105, carbohydrates: 27, food_group: 'fruit' });
  const chicken = await a.pb.collection('foods').create({ food_name: 'Chicken Breast', serving_size: 100, unit: 'g', calories: 165, protein: 31, food_group: 'protein' });
  const { data } = await a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: '2 bananas and 200 g chicken breast with a moon rock' } });
  assert.equal(data.parser, 'local');
  const byName = Object.fromEntries(data.items.filter((i) => i.food).map((i) => [i.food.id, i]));
  // 2 pieces of a 1-piece serving; 200 g of a 100 g serving.
  assert.equal(byName[banana.id].servings, 2);
  assert.equal(byName[chicken.id].servings, 2);
  assert.ok(data.items.every((i) => i.source === 'local'));
  const unmatched = data.items.filter((i) => !i.food);
  assert.equal(unmatched.length, 1);
  assert.equal(unmatched[0].confidence, 0);
  // 2 × 105 + 2 × 165 = 540 kcal
  assert.equal(data.totals.calories, 540);
  // No model, no usage row, nothing saved in a preview.
  assert.equal((await a.pb.collection('food_logs').getList(1, 1)).totalItems, 0);
});

test('a burst of sign-in attempts from one address is cut off with 429', async () => {
  const pb = client(offlineURL);
  const statuses = [];
  // The sign-in rule allows 10 attempts per minute per address; the 11th and later are refused.
  for (let i = 0; i < 14; i++) {
    const err = await pb.collection('users').authWithPassword('nobody@example.com', 'wrong-password').catch((e) => e);
    statuses.push(err.status);
  }
  // The earlier test's sign-in from this address counts too, so at most 10 attempts get through.
  const firstRefused = statuses.indexOf(429);
  assert.equal(statuses[0], 400, 'the first attempt is checked (bad credentials)');
  assert.ok(firstRefused > 0 && firstRefused <= 10, `cut off after at most 10: ${statuses.join(',')}`);
  assert.ok(statuses.slice(firstRefused).every((s) => s === 429), `and refused from then on: ${statuses.join(',')}`);
});

// routes/ai through pb.send against the fake OpenAI-compatible server (lib/fake-openai.js) that
// run.js starts; nothing leaves the machine. Each test keys its fake replies on a marker unique to
// it, since test files run in parallel against one fake.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { client, expectError, fakeURL, pbDate, daysAgo, signUp, superuser, uniq } from '../lib/client.js';
import { addRule, recordedRequests } from '../lib/fake-openai.js';

const NUTRIENTS = ['calories', 'protein', 'fat', 'carbohydrates', 'fiber', 'sodium', 'sugar', 'saturated_fat', 'trans_fat',
  'calcium', 'iron', 'magnesium', 'potassium', 'cholesterol', 'vitamin_a', 'vitamin_c', 'vitamin_d', 'caffeine'];

// One item of the meal schema, every field present (strict mode), nutrients 0 unless given.
function item(fields) {
  const out = {
    name: 'food', quantity: 1, quantity_unit: 'piece', servings: 1, price_paid: null, confidence: 0.9,
    serving_size: 100, unit: 'g', food_group: 'other', brand: null, cost: null,
  };
  for (const n of NUTRIENTS) out[n] = 0;
  return { ...out, ...fields };
}

let su;
before(async () => {
  su = await superuser();
});

async function usageRows(pb, marker) {
  return pb.collection('api_usage_logs').getFullList({ filter: pb.filter('request ~ {:m}', { m: marker }), sort: 'created' });
}

test('parse-meal preview: one model call, a database match and a proposed food, nothing written but the usage row', async () => {
  const a = await signUp();
  const marker = uniq('kefir');
  const kefir = await a.pb.collection('foods').create({
    food_name: `Kefir ${marker}`, serving_size: 250, unit: 'ml', calories: 150, protein: 9, food_group: 'dairy',
  });
  const text = `a glass of kefir ${marker} (250 ml) and two zorblat fruits`;
  await addRule(fakeURL, {
    match: marker,
    replies: [{
      content: { items: [
        item({ name: `Kefir ${marker}`, quantity: 250, quantity_unit: 'ml', serving_size: 250, unit: 'ml', food_group: 'dairy', calories: 150, protein: 9 }),
        item({ name: 'zorblat fruit', quantity: 2, quantity_unit: 'piece', servings: 2, serving_size: 1, unit: 'piece', food_group: 'fruit', calories: 80, carbohydrates: 20 }),
      ] },
      usage: { prompt_tokens: 300, completion_tokens: 120 },
    }],
  });
  const foodsBefore = (await a.pb.collection('foods').getList(1, 1)).totalItems;

  const { data } = await a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text } });
  assert.equal(data.parser, 'model');
  assert.equal(data.items.length, 2);
  const [matched, proposed] = data.items;
  assert.equal(matched.source, 'database');
  assert.equal(matched.food.id, kefir.id);
  assert.equal(matched.servings, 1); // 250 ml of a 250 ml serving
  assert.equal(proposed.source, 'ai');
  assert.equal(proposed.food, null);
  assert.equal(proposed.new_food.food_name, 'zorblat fruit');
  // 1 × 150 kcal + 2 × 80 kcal = 310 kcal
  assert.equal(data.totals.calories, 310);
  assert.equal(data.saved, null);

  // One call; the text travels alone in the user message, never inside the instructions.
  const calls = await recordedRequests(fakeURL, marker);
  assert.equal(calls.length, 1);
  const messages = calls[0].json.messages;
  const user = messages.filter((m) => m.role === 'user');
  assert.equal(user.length, 1);
  assert.equal(user[0].content, text);
  assert.ok(messages.filter((m) => m.role !== 'user').every((m) => !JSON.stringify(m).includes(marker)));
  assert.equal(calls[0].json.response_format?.type, 'json_schema');
  assert.ok(!JSON.stringify(calls).includes(a.pb.authStore.token), 'the user token never reaches the model server');

  // Preview: no food, no log; one usage row with the reply's tokens.
  assert.equal((await a.pb.collection('foods').getList(1, 1)).totalItems, foodsBefore);
  assert.equal((await a.pb.collection('food_logs').getList(1, 1)).totalItems, 0);
  const rows = await usageRows(a.pb, marker);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].success, true);
  assert.equal(rows[0].request_type, 'parse_meal');
  assert.equal(rows[0].prompt_tokens, 300);
  assert.equal(rows[0].completion_tokens, 120);
  assert.equal(rows[0].tokens_used, 420);

  // The same request again is answered from the cache: no new call, no cost.
  const again = (await a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text } })).data;
  assert.equal(again.cached, true);
  assert.equal((await recordedRequests(fakeURL, marker)).length, 1);
});

test('parse-meal save: new private food, food logs and a meal, in one go', async () => {
  const a = await signUp();
  const marker = uniq('stew');
  const text = `bowl of ${marker} stew`;
  await addRule(fakeURL, {
    match: marker,
    replies: [{ content: { items: [item({ name: `${marker} stew`, quantity: 1, quantity_unit: 'serving', servings: 1.5, serving_size: 300, unit: 'g', food_group: 'protein', calories: 400, protein: 25 })] } }],
  });
  const at = pbDate(daysAgo(1, 19));
  const { data } = await a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text, save: true, create_meal: true, date_time: at } });
  assert.equal(data.saved.foods.length, 1);
  assert.equal(data.saved.logs.length, 1);
  assert.ok(data.saved.meal?.id);

  const food = await a.pb.collection('foods').getOne(data.saved.foods[0].id);
  assert.equal(food.make_public, false);
  assert.equal(food.created_by, a.user.id);
  assert.equal(food.calories, 400);
  const logs = await a.pb.collection('food_logs').getFullList();
  assert.equal(logs.length, 1);
  assert.equal(logs[0].food, food.id);
  assert.equal(logs[0].servings, 1.5);
  assert.equal(logs[0].date_time, at);
  assert.equal(logs[0].voice_input, text);
  assert.ok(logs[0].tokens_used > 0);
  assert.equal(logs[0].meal, data.saved.meal.id);
});

test('a reply that breaks the schema is a 502 with nothing written, a failed usage row and a typed error row', async () => {
  const a = await signUp();
  const marker = uniq('badreply');
  await addRule(fakeURL, { match: marker, replies: [{ content: { items: [item({ name: 'toast', calories: -50 })] } }] });
  const err = await expectError(() => a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: `toast ${marker}`, save: true } }));
  assert.equal(err.status, 502);
  assert.equal((await a.pb.collection('food_logs').getList(1, 1)).totalItems, 0);
  const rows = await usageRows(a.pb, marker);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].success, false);
  const errors = await su.collection('error_logs').getFullList({ filter: su.filter('user = {:u}', { u: a.user.id }) });
  assert.equal(errors.length, 1);
  assert.equal(errors[0].error_type, 'bad_model_output');
  assert.ok(errors[0].user_input.includes(marker));
});

test('429 from the model server is retried; both attempts are accounted', async () => {
  const a = await signUp();
  const marker = uniq('retry');
  await addRule(fakeURL, {
    match: marker,
    replies: [
      { status: 429, error: 'slow down', headers: { 'retry-after': '0' } },
      { content: { items: [item({ name: 'apple', calories: 52 })] } },
    ],
  });
  const { data } = await a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: `an apple ${marker}` } });
  assert.equal(data.items.length, 1);
  assert.equal((await recordedRequests(fakeURL, marker)).length, 2);
  const rows = await usageRows(a.pb, marker);
  assert.deepEqual(rows.map((r) => r.success), [false, true]);
});

test('a model server that never answers in time gives 504 and a timeout error row', async () => {
  const a = await signUp();
  const marker = uniq('slow');
  // run.js sets OPENAI_TIMEOUT=2s; every attempt takes longer.
  await addRule(fakeURL, { match: marker, replies: [{ delayMs: 2600, content: { items: [] } }] });
  const err = await expectError(() => a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: `soup ${marker}` } }));
  assert.equal(err.status, 504);
  const errors = await su.collection('error_logs').getFullList({ filter: su.filter('user = {:u}', { u: a.user.id }) });
  assert.deepEqual(errors.map((e) => e.error_type), ['timeout']);
});

test('once the daily token budget is spent the AI answers 429 without calling the model', async () => {
  const a = await signUp();
  const first = uniq('budget');
  const budget = Number(process.env.TRACKBASE_AI_DAILY_TOKENS);
  await addRule(fakeURL, {
    match: first,
    replies: [{ content: { items: [item({ name: 'pizza', calories: 270 })] }, usage: { prompt_tokens: budget, completion_tokens: 1 } }],
  });
  await a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: `pizza ${first}` } });

  const second = uniq('budget');
  await addRule(fakeURL, { match: second, replies: [{ content: { items: [] } }] });
  const err = await expectError(() => a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: `pasta ${second}` } }));
  assert.equal(err.status, 429);
  assert.equal((await recordedRequests(fakeURL, second)).length, 0, 'no model call');
  const errors = await su.collection('error_logs').getFullList({ filter: su.filter('user = {:u}', { u: a.user.id }) });
  assert.deepEqual(errors.map((e) => e.error_type), ['budget_exceeded']);
});

test('food metadata: known values win over the model’s', async () => {
  const a = await signUp();
  const marker = uniq('granola');
  const nutrition = { serving_size: 50, unit: 'g', food_group: 'grain', brand: null, cost: 0.6 };
  for (const n of NUTRIENTS) nutrition[n] = 1;
  nutrition.calories = 220;
  await addRule(fakeURL, { match: marker, replies: [{ content: nutrition }] });
  const { data } = await a.pb.send('/api/ai/food-metadata', { method: 'POST', body: { food_name: `${marker} granola`, known: { calories: 199 } } });
  assert.equal(data.source, 'ai');
  assert.equal(data.metadata.calories, 199);
  assert.equal(data.metadata.serving_size, 50);
  const bad = await expectError(() => a.pb.send('/api/ai/food-metadata', { method: 'POST', body: { food_name: '' } }));
  assert.equal(bad.status, 400);
  assert.ok(bad.response.data.food_name);
});

test('prompt: the reply comes back; over 2000 characters is a 400', async () => {
  const a = await signUp();
  const marker = uniq('prompt');
  await addRule(fakeURL, { match: marker, replies: [{ content: 'Drink water.' }] });
  const { data } = await a.pb.send('/api/ai/prompt', { method: 'POST', body: { prompt: `one tip ${marker}` } });
  assert.equal(data.response, 'Drink water.');
  const long = await expectError(() => a.pb.send('/api/ai/prompt', { method: 'POST', body: { prompt: 'x'.repeat(2001) } }));
  assert.equal(long.status, 400);
  assert.ok(long.response.data.prompt);
});

// A one-second silent 8 kHz mono WAV.
function wav() {
  const samples = 8000;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(8000, 24);
  buf.writeUInt32LE(16000, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  return buf;
}

test('transcribe: a WAV upload comes back as text; a non-audio file is a 400', async () => {
  const a = await signUp();
  const marker = uniq('voice');
  await addRule(fakeURL, { match: marker, path: '/v1/audio/transcriptions', replies: [{ text: 'two eggs and toast' }] });
  const form = new FormData();
  form.append('audio', new Blob([wav()], { type: 'audio/wav' }), `${marker}.wav`);
  const { data } = await a.pb.send('/api/ai/transcribe', { method: 'POST', body: form });
  assert.equal(data.text, 'two eggs and toast');

  // ?parse=true: the transcript is also parsed as a meal (one more model call, a chat completion).
  const spoken = uniq('spoken');
  await addRule(fakeURL, { match: `${spoken}.wav`, path: '/v1/audio/transcriptions', replies: [{ text: `a bowl of ${spoken} soup` }] });
  await addRule(fakeURL, { match: `${spoken} soup`, path: '/v1/chat/completions', replies: [{ content: { items: [item({ name: 'tomato soup', calories: 90 })] } }] });
  const withParse = new FormData();
  withParse.append('audio', new Blob([wav()], { type: 'audio/wav' }), `${spoken}.wav`);
  const parsed = (await a.pb.send('/api/ai/transcribe', { method: 'POST', body: withParse, query: { parse: true } })).data;
  assert.equal(parsed.text, `a bowl of ${spoken} soup`);
  assert.equal(parsed.parse.items[0].new_food.food_name, 'tomato soup');

  const notAudio = new FormData();
  notAudio.append('audio', new Blob(['hello'], { type: 'text/plain' }), 'note.txt');
  const err = await expectError(() => a.pb.send('/api/ai/transcribe', { method: 'POST', body: notAudio }));
  assert.equal(err.status, 400);
  assert.ok(err.response.data.audio);
});

test('guests and anonymous callers cannot use the AI; bad input is a 400', async () => {
  const g = await signUp();
  const levels = await su.collection('access_levels').getFullList();
  await su.collection('users').update(g.user.id, { access_level: levels.find((l) => l.role_name === 'guest').id });
  await g.pb.collection('users').authWithPassword(g.username, g.password);
  const guest = await expectError(() => g.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: 'an apple' } }));
  assert.equal(guest.status, 403);
  const anon = await expectError(() => client().send('/api/ai/parse-meal', { method: 'POST', body: { text: 'an apple' } }));
  assert.equal(anon.status, 401);

  const a = await signUp();
  const empty = await expectError(() => a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: '  ' } }));
  assert.equal(empty.status, 400);
  assert.ok(empty.response.data.text);
  const long = await expectError(() => a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: 'a'.repeat(1001) } }));
  assert.equal(long.status, 400);
});

test('usage analytics count the AI calls of the caller', async () => {
  const a = await signUp();
  const marker = uniq('usage');
  await addRule(fakeURL, { match: marker, replies: [{ content: { items: [item({ name: 'pear', calories: 57 })] }, usage: { prompt_tokens: 200, completion_tokens: 100 } }] });
  await a.pb.send('/api/ai/parse-meal', { method: 'POST', body: { text: `a pear ${marker}` } });
  const { data } = await a.pb.send('/api/analytics/usage', { query: { days: 1 } });
  assert.equal(data.totals.calls, 1);
  assert.equal(data.totals.tokens, 300);
  assert.equal(data.totals.success_rate_pct, 100);
  assert.equal(data.by_model[0].model, 'gpt-4o-mini');
});

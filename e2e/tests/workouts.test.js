// routes/workouts through pb.send, over a small training history built here; every expected figure
// is computed by hand in the comments.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { daysAgo, expectError, isoDay, pbDate, signUp } from '../lib/client.js';

let a;
let b;
let bench;
let chest;
let triceps;
let recentSplit;
let janSplit;

before(async () => {
  [a, b] = await Promise.all([signUp(), signUp()]);
  const muscles = await a.pb.collection('muscles').getFullList({ sort: 'muscle_name' });
  chest = muscles.find((m) => m.muscle_group === 'chest');
  triceps = muscles.find((m) => m.muscle_group === 'arms');
  bench = await a.pb.collection('workouts').create({ workout_name: 'Bench press', type: 'barbell' });
  await a.pb.collection('workout_muscles').create({ workout: bench.id, muscle: chest.id, activation_rating: 100 });
  await a.pb.collection('workout_muscles').create({ workout: bench.id, muscle: triceps.id, activation_rating: 50 });

  const sets = [
    [2, 100, 5, 10], // days ago, kg, reps, minutes into a half hour that ends now
    [2, 90, 8, 20],
    [0, 105, 3, 10],
    [0, 95, 6, 20],
  ];
  for (const [n, weight, reps, minute] of sets) {
    const at = new Date(daysAgo(n).getTime() - (30 - minute) * 60_000);
    await a.pb.collection('workout_logs').create({ workout: bench.id, weight, weight_unit: 'kg', reps, rir: 2, date_time: pbDate(at) });
  }

  // A 3-day split from 2026-01-01, and a 1-day split started two days ago (the active one today).
  janSplit = await a.pb.collection('splits').create({ split_name: 'PPL', start_date: '2026-01-01 00:00:00.000Z' });
  for (const [order, name] of [[1, 'Push'], [2, 'Pull'], [3, 'Legs']]) {
    const day = await a.pb.collection('split_days').create({ split: janSplit.id, day_name: name, day_order: order });
    if (name === 'Push') await a.pb.collection('split_day_targets').create({ split_day: day.id, muscle: chest.id, target_activation: 300 });
  }
  recentSplit = await a.pb.collection('splits').create({ split_name: 'Chest only', start_date: `${isoDay(daysAgo(2))} 00:00:00.000Z` });
  const only = await a.pb.collection('split_days').create({ split: recentSplit.id, day_name: 'Chest', day_order: 1 });
  await a.pb.collection('split_day_targets').create({ split_day: only.id, muscle: chest.id, target_activation: 200 });
});

test('progression: Epley e1RM of the best set, volume, max and mean weight per day', async () => {
  const { data } = await a.pb.send('/api/workouts/progression', {
    query: { workout: bench.id, from: isoDay(daysAgo(2)), to: isoDay(new Date()), metric: 'e1rm' },
  });
  const byDate = Object.fromEntries(data.points.map((p) => [p.date, p]));
  const first = byDate[isoDay(daysAgo(2))];
  const last = byDate[isoDay(daysAgo(0))];
  // 100 × (1 + 5/30) = 116.67 beats 90 × (1 + 8/30) = 114; volume 100×5 + 90×8 = 1220; mean (100+90)/2.
  assert.ok(Math.abs(first.e1rm - 116.67) < 0.01, `e1rm ${first.e1rm}`);
  assert.equal(first.value, first.e1rm);
  assert.equal(first.volume, 1220);
  assert.equal(first.max_weight, 100);
  assert.equal(first.avg_weight, 95);
  // 105 × (1 + 3/30) = 115.5 beats 95 × 1.2 = 114; volume 315 + 570 = 885.
  assert.ok(Math.abs(last.e1rm - 115.5) < 0.01, `e1rm ${last.e1rm}`);
  assert.equal(last.volume, 885);

  const badMetric = await expectError(() => a.pb.send('/api/workouts/progression', { query: { workout: bench.id, metric: 'speed' } }));
  assert.equal(badMetric.status, 400);
  assert.ok(badMetric.response.data.metric);
  const foreign = await expectError(() => b.pb.send('/api/workouts/progression', { query: { workout: bench.id } }));
  assert.equal(foreign.status, 404);
  const reversed = await expectError(() =>
    a.pb.send('/api/workouts/progression', { query: { workout: bench.id, from: isoDay(new Date()), to: isoDay(daysAgo(5)) } }),
  );
  assert.equal(reversed.status, 400);
});

test('stats: sets, reps and kg volume over the range, per workout and per muscle group', async () => {
  const { data } = await a.pb.send('/api/workouts/stats', { query: { from: isoDay(daysAgo(2)), to: isoDay(new Date()) } });
  // 4 sets; 5 + 8 + 3 + 6 = 22 reps; 1220 + 885 = 2105 kg.
  assert.equal(data.totals.sets, 4);
  assert.equal(data.totals.reps, 22);
  assert.equal(data.totals.volume, 2105);
  assert.equal(data.by_workout.length, 1);
  assert.equal(data.by_workout[0].workout, bench.id);
  assert.ok(data.by_muscle_group.some((g) => g.muscle_group === 'chest'));
  // Another user sees none of it.
  assert.equal((await b.pb.send('/api/workouts/stats', {})).data.totals.sets, 0);
});

test('recent: the last set’s values, not the maxima, and the set count', async () => {
  const { data } = await a.pb.send('/api/workouts/recent', {});
  const row = data.workouts.find((w) => w.workout === bench.id);
  assert.equal(row.last_weight, 95);
  assert.equal(row.last_reps, 6);
  assert.equal(row.last_rir, 2);
  assert.equal(row.set_count, 4);
});

test('current day: the split with the latest start on or before the date, day = days since start mod days', async () => {
  // 2026-01-05 is 4 days after 2026-01-01; 4 mod 3 = 1 → the 2nd day, Pull.
  const jan = (await a.pb.send('/api/workouts/current-day', { query: { date: '2026-01-05' } })).data;
  assert.equal(jan.split.id, janSplit.id);
  assert.equal(jan.day.day_name, 'Pull');
  assert.equal(jan.day.day_order, 2);
  const today = (await a.pb.send('/api/workouts/current-day', {})).data;
  assert.equal(today.split.id, recentSplit.id);
  assert.equal(today.day.targets[0].muscle, chest.id);
  // Before any split starts there is none.
  const before = (await a.pb.send('/api/workouts/current-day', { query: { date: '2025-06-01' } })).data;
  assert.equal(before.split, null);
  const bad = await expectError(() => a.pb.send('/api/workouts/current-day', { query: { date: 'tomorrow' } }));
  assert.equal(bad.status, 400);
});

test('activation: done is the sum of the ratings of each set’s muscles, against the day’s target', async () => {
  const { data } = await a.pb.send('/api/analytics/activation', { query: { from: isoDay(new Date()), to: isoDay(new Date()) } });
  const day = data.days[0];
  // Today: 2 sets × (chest 100 + triceps 50) = 300 done; the active day targets chest 200.
  assert.equal(day.split.id, recentSplit.id);
  assert.equal(day.done_total, 300);
  assert.equal(day.target_total, 200);
  assert.equal(day.percentage, 150);
  const chestRow = day.muscles.find((m) => m.muscle === chest.id);
  assert.equal(chestRow.done, 200);
  assert.equal(chestRow.remaining, 0);
});

test('split analysis: status per muscle, missing ones reported; another user’s split is a 404', async () => {
  const { data } = await a.pb.send(`/api/splits/${janSplit.id}/analysis`, {});
  assert.equal(data.split.id, janSplit.id);
  const statuses = new Set(data.muscles.map((m) => m.status));
  assert.ok([...statuses].every((s) => ['below', 'optimal', 'above', 'missing'].includes(s)), [...statuses].join());
  const chestRow = data.muscles.find((m) => m.muscle === chest.id);
  assert.notEqual(chestRow.status, 'missing');
  assert.ok(data.muscles.some((m) => m.status === 'missing'), 'muscles without a target are reported');
  const foreign = await expectError(() => b.pb.send(`/api/splits/${janSplit.id}/analysis`, {}));
  assert.equal(foreign.status, 404);
});

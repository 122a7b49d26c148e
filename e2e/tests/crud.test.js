// Generic CRUD on every tracker, as a frontend uses it: create (with and without date_time), view,
// list with filter, sort, paging and expand, update, delete, and the per-field 400s.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { daysAgo, expectError, pbDate, signUp, uniq } from '../lib/client.js';

let alice;
let food;
let workout;

before(async () => {
  alice = await signUp();
  food = await alice.pb.collection('foods').create({
    food_name: uniq('Oat porridge'),
    serving_size: 100,
    unit: 'g',
    calories: 380,
    protein: 13,
    fat: 7,
    carbohydrates: 60,
    food_group: 'grain',
  });
  workout = await alice.pb.collection('workouts').create({ workout_name: uniq('Back squat'), type: 'barbell' });
});

// Each tracker: a valid row builder (i makes rows differ in `key`), the time field rows sort by,
// a bad body and the field its 400 must name, an update, and a relation to expand.
const trackers = [
  { name: 'weight_logs', key: 'weight', make: (i) => ({ weight: 80 + i, weight_unit: 'kg' }),
    bad: [{ weight: -1, weight_unit: 'kg' }, 'weight'], update: { weight: 79.5 } },
  { name: 'body_measurement_logs', key: 'waist', make: (i) => ({ waist: 80 + i, upper_arm: 35, unit: 'cm' }),
    bad: [{ waist: -3, unit: 'cm' }, 'waist'], update: { waist: 81.5 } },
  { name: 'water_logs', key: 'amount', make: (i) => ({ amount: 250 + i, unit: 'ml' }),
    bad: [{ amount: 250, unit: 'bucket' }, 'unit'], update: { amount: 500 } },
  { name: 'steps_logs', key: 'steps', make: (i) => ({ steps: 8000 + i }),
    bad: [{ steps: 200001 }, 'steps'], update: { steps: 12000 } },
  { name: 'cardio_logs', key: 'duration',
    make: (i) => ({ cardio_type: 'run', duration: 30 + i, distance: 5, distance_unit: 'km', calories_burned: 300, heart_rate: 140 }),
    bad: [{ cardio_type: 'run', duration: 30, heart_rate: 20 }, 'heart_rate'], update: { duration: 45 } },
  { name: 'food_logs', key: 'servings', make: (i) => ({ food: food.id, servings: 1 + i, measurement: 'serving' }),
    bad: [{ food: 'PLACEHOLDER', servings: 0 }, 'servings'], update: { servings: 2.5 }, expand: ['food', 'food_name'] },
  { name: 'workout_logs', key: 'reps',
    make: (i) => ({ workout: workout.id, weight: 100, weight_unit: 'kg', reps: 5 + i, rir: 2, attributes: ['paused'], attribute_inputs: { tempo: '3-1-1' }, rest_time: 120 }),
    bad: [{ workout: 'PLACEHOLDER', weight: 100, weight_unit: 'kg', reps: 1001 }, 'reps'], update: { reps: 3 },
    expand: ['workout', 'workout_name'] },
  { name: 'sleep_logs', key: 'time_in_deep_sleep', dateField: 'date',
    make: (i) => ({ time_went_to_bed: '23:00', time_got_out_of_bed: '07:00', time_in_light_sleep: 200, time_in_deep_sleep: 90 + i, time_in_rem_sleep: 100, number_of_times_woke_up: 1, resting_heart_rate: 55 }),
    bad: [{ date: '2026-01-01', time_went_to_bed: '25:00', time_got_out_of_bed: '07:00' }, 'time_went_to_bed'], update: { number_of_times_woke_up: 3 } },
  { name: 'health_metrics_logs', key: 'mood', dateField: 'date',
    make: (i) => ({ resting_heart_rate: 60, blood_pressure_systolic: 120, blood_pressure_diastolic: 80, mood: 5 + i, stress_level: 3 }),
    bad: [{ date: '2026-01-01', mood: 11 }, 'mood'], update: { stress_level: 4 } },
];

function withTime(tracker, body, n) {
  const d = daysAgo(n);
  if (tracker.dateField === 'date') return { ...body, date: d.toISOString().slice(0, 10) };
  return { ...body, date_time: pbDate(d) };
}

for (const tracker of trackers) {
  describe(tracker.name, () => {
    test('create, view, list with filter/sort/paging/expand, update, delete', async () => {
      const col = alice.pb.collection(tracker.name);
      const timeField = tracker.dateField ?? 'date_time';

      // Rows 0..3 days ago, created out of order.
      const created = [];
      for (const n of [2, 0, 3, 1]) created.push(await col.create(withTime(tracker, tracker.make(n), n)));
      assert.ok(created.every((r) => r.user === alice.user.id), 'user is the caller');

      const sorted = await col.getList(1, 3, { sort: `-${timeField}`, expand: tracker.expand?.[0] });
      assert.equal(sorted.totalItems, 4);
      assert.equal(sorted.totalPages, 2);
      assert.deepEqual(sorted.items.map((r) => r[tracker.key]), [0, 1, 2].map((n) => tracker.make(n)[tracker.key]));
      if (tracker.expand) {
        const [rel, field] = tracker.expand;
        assert.ok(sorted.items.every((r) => r.expand?.[rel]?.[field]), `expand=${rel} gives ${rel}.${field}`);
      }
      const page2 = await col.getList(2, 3, { sort: `-${timeField}` });
      assert.deepEqual(page2.items.map((r) => r[tracker.key]), [tracker.make(3)[tracker.key]]);

      const one = tracker.make(1)[tracker.key];
      const filtered = await col.getList(1, 10, { filter: alice.pb.filter(`${tracker.key} = {:v}`, { v: one }) });
      assert.equal(filtered.totalItems, 1);
      assert.equal(filtered.items[0][tracker.key], one);

      const since = await col.getFullList({
        filter: alice.pb.filter(`${timeField} >= {:t}`, { t: pbDate(daysAgo(1, 0)) }),
        sort: timeField,
      });
      assert.equal(since.length, 2, 'the rows of yesterday and today');

      const target = created[0];
      const updated = await col.update(target.id, tracker.update);
      for (const [k, v] of Object.entries(tracker.update)) assert.equal(updated[k], v);
      const viewed = await col.getOne(target.id);
      assert.equal(viewed[tracker.key], updated[tracker.key]);

      await col.delete(target.id);
      const gone = await expectError(() => col.getOne(target.id));
      assert.equal(gone.status, 404);
      assert.equal((await col.getList(1, 1)).totalItems, 3);
    });

    test('a bad value is a 400 naming the field, and nothing is written', async () => {
      const col = alice.pb.collection(tracker.name);
      const before = (await col.getList(1, 1)).totalItems;
      const [body, field] = tracker.bad;
      const fixed = JSON.parse(JSON.stringify(body).replace('PLACEHOLDER', tracker.name === 'food_logs' ? food.id : workout.id));
      const err = await expectError(() => col.create(fixed));
      assert.equal(err.status, 400);
      assert.ok(err.response.data?.[field], `names ${field}: ${JSON.stringify(err.response)}`);
      assert.equal((await col.getList(1, 1)).totalItems, before);
    });
  });
}

test('date_time defaults to now when omitted', async () => {
  const t0 = Date.now();
  const row = await alice.pb.collection('weight_logs').create({ weight: 70, weight_unit: 'kg' });
  const at = Date.parse(row.date_time.replace(' ', 'T'));
  assert.ok(Math.abs(at - t0) < 60_000, `date_time ${row.date_time} is about now`);
});

test('cross-field rules: blood pressure, sleep phases, an empty body measurement', async () => {
  const bp = await expectError(() =>
    alice.pb.collection('health_metrics_logs').create({ date: '2026-01-02', blood_pressure_systolic: 80, blood_pressure_diastolic: 90 }),
  );
  assert.equal(bp.status, 400);
  // 8 h in bed (23:00 → 07:00) is 480 min; 300 + 100 + 100 = 500 is more than that.
  const sleep = await expectError(() =>
    alice.pb.collection('sleep_logs').create({
      date: '2026-01-02', time_went_to_bed: '23:00', time_got_out_of_bed: '07:00',
      time_in_light_sleep: 300, time_in_deep_sleep: 100, time_in_rem_sleep: 100,
    }),
  );
  assert.equal(sleep.status, 400);
  const empty = await expectError(() => alice.pb.collection('body_measurement_logs').create({ unit: 'cm' }));
  assert.equal(empty.status, 400);
});

test('goals are an append-only history', async () => {
  const goals = alice.pb.collection('user_goals');
  const first = await goals.create({ calories_goal: 2200, protein_goal: 150, weight_goal: 75, weight_goal_unit: 'kg' });
  await new Promise((r) => setTimeout(r, 20));
  const second = await goals.create({ calories_goal: 2000, protein_goal: 160 });
  const latest = await goals.getFirstListItem('', { sort: '-created' });
  assert.equal(latest.id, second.id);
  const edit = await expectError(() => goals.update(first.id, { calories_goal: 1 }));
  assert.ok([403, 404].includes(edit.status), `update refused (${edit.status})`);
  const bad = await expectError(() => goals.create({ calories_goal: -5 }));
  assert.equal(bad.status, 400);
  assert.ok(bad.response.data.calories_goal);
});

test('meals with their foods, unique meal names, expand through the relation', async () => {
  const meal = await alice.pb.collection('meals').create({ meal_name: 'Breakfast' });
  await alice.pb.collection('meal_foods').create({ meal: meal.id, food: food.id, servings: 1.5 });
  const dup = await expectError(() => alice.pb.collection('meals').create({ meal_name: 'Breakfast' }));
  assert.equal(dup.status, 400);
  const dupFood = await expectError(() => alice.pb.collection('meal_foods').create({ meal: meal.id, food: food.id, servings: 1 }));
  assert.equal(dupFood.status, 400);

  const withFoods = await alice.pb.collection('meals').getOne(meal.id, { expand: 'meal_foods_via_meal.food' });
  const items = withFoods.expand.meal_foods_via_meal;
  assert.equal(items.length, 1);
  assert.equal(items[0].servings, 1.5);
  assert.equal(items[0].expand.food.id, food.id);
});

test('workouts with muscle ratings, splits with days and targets', async () => {
  const muscles = await alice.pb.collection('muscles').getFullList({ sort: 'muscle_name' });
  const [m1, m2] = muscles;
  await alice.pb.collection('workout_muscles').create({ workout: workout.id, muscle: m1.id, activation_rating: 90 });
  await alice.pb.collection('workout_muscles').create({ workout: workout.id, muscle: m2.id, activation_rating: 40 });
  const bad = await expectError(() =>
    alice.pb.collection('workout_muscles').create({ workout: workout.id, muscle: m2.id, activation_rating: 101 }),
  );
  assert.equal(bad.status, 400);

  const w = await alice.pb.collection('workouts').getOne(workout.id, { expand: 'workout_muscles_via_workout.muscle' });
  const ratings = w.expand.workout_muscles_via_workout.map((r) => [r.expand.muscle.muscle_name, r.activation_rating]).sort();
  assert.deepEqual(ratings, [[m1.muscle_name, 90], [m2.muscle_name, 40]].sort());

  const split = await alice.pb.collection('splits').create({ split_name: 'PPL', start_date: '2026-01-01 00:00:00.000Z' });
  const push = await alice.pb.collection('split_days').create({ split: split.id, day_name: 'Push', day_order: 1 });
  await alice.pb.collection('split_days').create({ split: split.id, day_name: 'Pull', day_order: 2 });
  const sameOrder = await expectError(() => alice.pb.collection('split_days').create({ split: split.id, day_name: 'Legs', day_order: 2 }));
  assert.equal(sameOrder.status, 400);
  await alice.pb.collection('split_day_targets').create({ split_day: push.id, muscle: m1.id, target_activation: 200 });
  const days = await alice.pb.collection('split_days').getFullList({
    filter: alice.pb.filter('split = {:s}', { s: split.id }),
    sort: 'day_order',
    expand: 'split_day_targets_via_split_day.muscle',
  });
  assert.deepEqual(days.map((d) => d.day_name), ['Push', 'Pull']);
  assert.equal(days[0].expand.split_day_targets_via_split_day[0].expand.muscle.id, m1.id);
});

test('batch API: a split with its days and targets in one atomic request, all or nothing', async () => {
  const id = () => Math.random().toString(36).slice(2).padEnd(15, '0').slice(0, 15);
  const muscles = await alice.pb.collection('muscles').getFullList({ sort: 'muscle_name' });
  const splitId = id();
  const dayIds = [id(), id()];

  const batch = alice.pb.createBatch();
  batch.collection('splits').create({ id: splitId, split_name: 'Upper/Lower', start_date: '2026-02-01 00:00:00.000Z' });
  dayIds.forEach((d, i) => batch.collection('split_days').create({ id: d, split: splitId, day_name: ['Upper', 'Lower'][i], day_order: i + 1 }));
  dayIds.forEach((d, i) => batch.collection('split_day_targets').create({ split_day: d, muscle: muscles[i].id, target_activation: 150 }));
  const results = await batch.send();
  assert.equal(results.length, 5);
  assert.ok(results.every((r) => r.status === 200));
  const days = await alice.pb.collection('split_days').getFullList({ filter: alice.pb.filter('split = {:s}', { s: splitId }) });
  assert.equal(days.length, 2);

  // One bad target (activation below 0) rolls the whole batch back.
  const failing = alice.pb.createBatch();
  const otherSplit = id();
  failing.collection('splits').create({ id: otherSplit, split_name: 'Broken' });
  failing.collection('split_days').create({ id: id(), split: otherSplit, day_name: 'Only', day_order: 1 });
  failing.collection('split_day_targets').create({ split_day: dayIds[0], muscle: muscles[5].id, target_activation: -1 });
  const err = await expectError(() => failing.send());
  assert.equal(err.status, 400);
  assert.equal((await expectError(() => alice.pb.collection('splits').getOne(otherSplit))).status, 404);
});

// routes/health through pb.send, for fresh users whose every input the test sets, so the expected
// figures are computed by hand (see each comment).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { client, daysAgo, expectError, isoDay, pbDate, signUp, uniq } from '../lib/client.js';

let activity; // activity level name → id

// A birthday that makes the user `age` today (UTC): `age` years and 10 days ago.
function birthdayFor(age) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - 10);
  return `${isoDay(d)} 00:00:00.000Z`;
}

// The worked example: male, 180 cm, 30 years, Moderately Active (1.55).
async function athlete() {
  const a = await signUp();
  await a.pb.collection('users').update(a.user.id, {
    gender: 'male', height_cm: 180, birthday: birthdayFor(30), activity_level: activity['Moderately Active'],
  });
  return a;
}

before(async () => {
  const { pb } = await signUp();
  activity = Object.fromEntries((await pb.collection('activity_levels').getFullList()).map((l) => [l.name, l.id]));
});

test('body metrics: 400 naming the missing inputs, then the hand-computed figures, in kg or lb alike', async () => {
  const a = await athlete();
  const missing = await expectError(() => a.pb.send('/api/metrics/body', {}));
  assert.equal(missing.status, 400);
  assert.ok(missing.response.data.weight, JSON.stringify(missing.response));

  await a.pb.collection('weight_logs').create({ weight: 80, weight_unit: 'kg', date_time: pbDate(daysAgo(1)) });
  const { data } = await a.pb.send('/api/metrics/body', {});
  // Mifflin-St Jeor: 10×80 + 6.25×180 − 5×30 + 5 = 1780; TDEE 1780 × 1.55 = 2759;
  // BMI 80 / 1.8² = 24.69 → 24.7.
  assert.equal(data.bmr, 1780);
  assert.equal(data.tdee, 2759);
  assert.equal(data.bmi, 24.7);
  assert.equal(data.inputs.weight_kg, 80);
  assert.equal(data.inputs.age, 30);
  assert.equal(data.units.bmr, 'kcal/day');

  // The same mass logged in pounds: 176.37 lb × 0.45359237 = 79.9999 kg → the same figures.
  const b = await athlete();
  await b.pb.collection('weight_logs').create({ weight: 176.37, weight_unit: 'lb' });
  const inLb = (await b.pb.send('/api/metrics/body', {})).data;
  assert.equal(inLb.bmr, 1780);
  assert.equal(inLb.tdee, 2759);

  // The latest weight by date_time wins, not the latest created.
  await a.pb.collection('weight_logs').create({ weight: 90, weight_unit: 'kg', date_time: pbDate(daysAgo(5)) });
  assert.equal((await a.pb.send('/api/metrics/body', {})).data.inputs.weight_kg, 80);

  assert.equal((await expectError(() => client().send('/api/metrics/body', {}))).status, 401);
});

test('macro targets: weekly change from goal and timeframe, 400 naming a bad field, save appends a goal', async () => {
  const a = await athlete();
  await a.pb.collection('weight_logs').create({ weight: 80, weight_unit: 'kg' });
  const bad = await expectError(() =>
    a.pb.send('/api/metrics/macros', { method: 'POST', body: { weight_goal: 75, timeframe_weeks: 0 } }),
  );
  assert.equal(bad.status, 400);
  assert.ok(bad.response.data.timeframe_weeks);

  const { data } = await a.pb.send('/api/metrics/macros', { method: 'POST', body: { weight_goal: 75, weight_goal_unit: 'kg', timeframe_weeks: 10, save: true } });
  // (75 − 80) kg over 10 weeks = −0.5 kg/week; −0.5 × 7700 / 7 = −550 kcal/day from TDEE 2759 → 2209.
  assert.equal(data.weekly_change_kg, -0.5);
  assert.ok(Math.abs(data.calories - 2209) <= 1, `calories ${data.calories}`);
  assert.equal(Object.keys(data.nutrients).length >= 16, true, 'targets for the 16 nutrients');
  assert.ok(data.saved_goal);
  const goal = await a.pb.collection('user_goals').getOne(data.saved_goal);
  assert.equal(goal.calories_goal, data.calories);
  assert.equal(goal.weight_goal, 75);
});

test('dashboard: consumed, goals, remaining and the trackers not logged that day', async () => {
  const a = await signUp();
  const food = await a.pb.collection('foods').create({
    food_name: uniq('Lentil stew'), serving_size: 300, unit: 'g', calories: 500, protein: 30, fat: 10, carbohydrates: 70, food_group: 'protein',
  });
  await a.pb.collection('user_goals').create({ calories_goal: 2000, protein_goal: 150 });
  await a.pb.collection('food_logs').create({ food: food.id, servings: 2 });
  await a.pb.collection('water_logs').create({ amount: 500, unit: 'ml' });
  // Yesterday's log does not count today.
  await a.pb.collection('food_logs').create({ food: food.id, servings: 5, date_time: pbDate(daysAgo(1)) });

  const { data } = await a.pb.send('/api/dashboard', {});
  assert.equal(data.date, isoDay(new Date()));
  // 2 servings × 500 kcal = 1000 kcal, 2 × 30 g = 60 g protein; remaining 2000 − 1000, 150 − 60.
  assert.equal(data.consumed.calories, 1000);
  assert.equal(data.consumed.protein, 60);
  assert.equal(data.goals.calories, 2000);
  assert.equal(data.remaining.calories, 1000);
  assert.equal(data.remaining.protein, 90);
  assert.equal(data.calorie_remaining, 1000);
  assert.equal(data.entries, 1);
  const notLogged = data.trackers_not_logged.map((t) => t.id);
  assert.ok(notLogged.includes('weight') && notLogged.includes('steps'));
  assert.ok(!notLogged.includes('food') && !notLogged.includes('water'));

  const past = (await a.pb.send('/api/dashboard', { query: { date: isoDay(daysAgo(1)) } })).data;
  assert.equal(past.consumed.calories, 2500);
  const badDate = await expectError(() => a.pb.send('/api/dashboard', { query: { date: '2026-13-01' } }));
  assert.equal(badDate.status, 400);
  assert.ok(badDate.response.data.date);
});

test('streaks count back from today, or from yesterday when today has nothing yet', async () => {
  const a = await signUp();
  for (const n of [0, 1, 2, 5, 6]) await a.pb.collection('weight_logs').create({ weight: 70, weight_unit: 'kg', date_time: pbDate(daysAgo(n)) });
  for (const n of [1, 2]) await a.pb.collection('water_logs').create({ amount: 250, unit: 'ml', date_time: pbDate(daysAgo(n)) });
  const { data } = await a.pb.send('/api/streaks', {});
  // weight: today, yesterday, 2 days ago → 3 (the 5–6 days ago run is 2); water: yesterday and the day before.
  assert.deepEqual(data.weight, { current: 3, longest: 3, logged_today: true });
  assert.deepEqual(data.water, { current: 2, longest: 2, logged_today: false });
  assert.deepEqual(data.steps, { current: 0, longest: 0, logged_today: false });
  for (const t of ['body_measurement', 'cardio', 'sleep', 'health_metrics', 'food', 'workout']) assert.ok(t in data, t);

  // A new log today extends the water streak at once.
  await a.pb.collection('water_logs').create({ amount: 250, unit: 'ml' });
  assert.deepEqual((await a.pb.send('/api/streaks', {})).data.water, { current: 3, longest: 3, logged_today: true });
});

test('daily nutrition: one row per day of the range, both ends included; bad ranges are 400', async () => {
  const a = await signUp();
  const food = await a.pb.collection('foods').create({ food_name: uniq('Rice'), serving_size: 100, unit: 'g', calories: 130, carbohydrates: 28, protein: 2.7, fat: 0.3, food_group: 'grain' });
  await a.pb.collection('food_logs').create({ food: food.id, servings: 3, date_time: pbDate(daysAgo(2)) });
  const from = isoDay(daysAgo(2));
  const to = isoDay(new Date());
  const { data } = await a.pb.send('/api/nutrition/daily', { query: { from, to } });
  assert.equal(data.days.length, 3);
  assert.equal(data.days[0].date, from);
  // 3 × 130 kcal = 390 kcal on the first day, nothing after.
  assert.equal(data.days[0].totals.calories, 390);
  assert.equal(data.days[2].totals.calories, 0);

  const reversed = await expectError(() => a.pb.send('/api/nutrition/daily', { query: { from: to, to: from } }));
  assert.equal(reversed.status, 400);
  const tooLong = await expectError(() => a.pb.send('/api/nutrition/daily', { query: { from: '2020-01-01', to: '2022-01-01' } }));
  assert.equal(tooLong.status, 400);
});

test('recent foods and a food’s stats; another user’s private food is a 404', async () => {
  const [a, b] = await Promise.all([signUp(), signUp()]);
  const food = await a.pb.collection('foods').create({ food_name: uniq('Skyr'), serving_size: 150, unit: 'g', calories: 95, protein: 16, food_group: 'dairy' });
  await a.pb.collection('food_logs').create({ food: food.id, servings: 1, date_time: pbDate(daysAgo(3)) });
  await a.pb.collection('food_logs').create({ food: food.id, servings: 2 });

  const recent = (await a.pb.send('/api/foods/recent', { query: { days: 30 } })).data;
  assert.equal(recent.foods[0].id, food.id);
  assert.equal(recent.foods[0].times_logged, 2);
  assert.equal(recent.foods[0].last_servings, 2);

  const stats = (await a.pb.send(`/api/foods/${food.id}/stats`, { query: { days: 30 } })).data;
  assert.equal(stats.times_logged, 2);
  assert.equal(stats.total_servings, 3);
  assert.equal(stats.food.id, food.id);

  const hidden = await expectError(() => b.pb.send(`/api/foods/${food.id}/stats`, {}));
  assert.equal(hidden.status, 404);
});

test('logging a meal writes one food log per meal food; someone else’s meal is a 404', async () => {
  const [a, b] = await Promise.all([signUp(), signUp()]);
  const oats = await a.pb.collection('foods').create({ food_name: uniq('Oats'), serving_size: 40, unit: 'g', calories: 150, protein: 5, food_group: 'grain' });
  const milk = await a.pb.collection('foods').create({ food_name: uniq('Milk'), serving_size: 250, unit: 'ml', calories: 120, protein: 8, food_group: 'dairy' });
  const meal = await a.pb.collection('meals').create({ meal_name: 'Porridge' });
  await a.pb.collection('meal_foods').create({ meal: meal.id, food: oats.id, servings: 2 });
  await a.pb.collection('meal_foods').create({ meal: meal.id, food: milk.id, servings: 1 });

  const at = pbDate(daysAgo(1, 7));
  const res = await a.pb.send(`/api/meals/${meal.id}/log`, { method: 'POST', body: { date_time: at } });
  // 2 × 150 + 1 × 120 = 420 kcal; 2 × 5 + 8 = 18 g protein.
  assert.equal(res.data.totals.calories, 420);
  assert.equal(res.data.totals.protein, 18);
  const logs = await a.pb.collection('food_logs').getFullList({ filter: a.pb.filter('meal = {:m}', { m: meal.id }) });
  assert.equal(logs.length, 2);
  assert.ok(logs.every((l) => l.date_time === at));

  const foreign = await expectError(() => b.pb.send(`/api/meals/${meal.id}/log`, { method: 'POST', body: {} }));
  assert.equal(foreign.status, 404);
  assert.equal((await b.pb.collection('food_logs').getList(1, 1)).totalItems, 0);
});

test('weight analytics: series in kg and in the user’s unit, with a trend and a weekly rate', async () => {
  const a = await signUp();
  await a.pb.collection('users').update(a.user.id, { unit_preference: 'imperial' });
  for (let n = 13; n >= 0; n--) {
    // 0.1 kg less each day: −0.7 kg a week.
    await a.pb.collection('weight_logs').create({ weight: 80 - 0.1 * (13 - n), weight_unit: 'kg', date_time: pbDate(daysAgo(n)) });
  }
  const { data } = await a.pb.send('/api/analytics/weight', { query: { from: isoDay(daysAgo(13)), to: isoDay(new Date()) } });
  assert.equal(data.unit, 'lb');
  assert.equal(data.points.length, 14);
  assert.equal(data.points[0].weight_kg, 80);
  // 80 kg = 176.37 lb
  assert.ok(Math.abs(data.points[0].weight - 176.37) < 0.01, `${data.points[0].weight}`);
  assert.ok(Math.abs(data.weekly_rate_kg - -0.7) < 0.01, `weekly_rate_kg ${data.weekly_rate_kg}`);
  assert.ok(data.points.every((p) => typeof p.trend_kg === 'number'));
});

test('adaptive TDEE says why when the data is too thin', async () => {
  const a = await athlete();
  const { data } = await a.pb.send('/api/metrics/adaptive-tdee', { query: { days: 28 } });
  assert.equal(data.tdee, null);
  assert.ok(data.reason, 'a reason is given');
  const bad = await expectError(() => a.pb.send('/api/metrics/adaptive-tdee', { query: { days: 3 } }));
  assert.equal(bad.status, 400);
  assert.ok(bad.response.data.days);
});

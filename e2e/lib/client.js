// Helpers shared by the e2e tests: clients for the instance started by run.js, fresh users.

import PocketBase from 'pocketbase';
import { randomBytes } from 'node:crypto';
import { loadChecker } from './openapi.js';

export const baseURL = process.env.TRACKBASE_URL;
export const offlineURL = process.env.TRACKBASE_OFFLINE_URL;
export const fakeURL = process.env.FAKE_OPENAI_URL;
export const superuserEmail = process.env.TRACKBASE_SUPERUSER_EMAIL;
export const superuserPassword = process.env.TRACKBASE_SUPERUSER_PASSWORD;

if (!baseURL) {
  throw new Error('TRACKBASE_URL is not set: run the suite through `node run.js` (make test)');
}

// The collections of SPEC §2.
export const specCollections = [
  'users',
  'access_levels',
  'activity_levels',
  'units',
  'muscles',
  'invite_keys',
  'user_goals',
  'foods',
  'meals',
  'meal_foods',
  'food_logs',
  'weight_logs',
  'body_measurement_logs',
  'water_logs',
  'steps_logs',
  'cardio_logs',
  'workouts',
  'workout_muscles',
  'muscle_logs',
  'workout_logs',
  'splits',
  'split_days',
  'split_day_targets',
  'sleep_logs',
  'health_metrics_logs',
  'api_usage_logs',
  'error_logs',
];

const checkers = new Map();

// client is an SDK client whose every answer from a custom endpoint is checked against the
// server's OpenAPI document (lib/openapi.js).
export function client(url = baseURL) {
  const pb = new PocketBase(url);
  // Tests fire parallel requests on purpose; the SDK would otherwise cancel duplicates.
  pb.autoCancellation(false);
  if (!checkers.has(url)) checkers.set(url, loadChecker(url));
  pb.afterSend = async (response, data, options) => {
    const check = await checkers.get(url);
    check(options?.method ?? 'GET', response.url, response.status, response.headers.get('content-type'), data);
    return data;
  };
  return pb;
}

export function uniq(prefix = 'u') {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

// signUp creates a fresh user through the public sign-up and returns a client signed in as them.
export async function signUp({ url = baseURL, fields = {} } = {}) {
  const pb = client(url);
  const username = uniq('e2e');
  const email = `${username}@example.com`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  await pb.collection('users').create({ username, email, password, passwordConfirm: password, ...fields });
  await pb.collection('users').authWithPassword(username, password);
  return { pb, username, email, password, user: pb.authStore.record };
}

export async function superuser(url = baseURL) {
  const pb = client(url);
  await pb.collection('_superusers').authWithPassword(superuserEmail, superuserPassword);
  return pb;
}

// expectError runs fn and returns the ClientResponseError it throws; it fails when fn succeeds.
export async function expectError(fn) {
  try {
    await fn();
  } catch (err) {
    if (err?.status === undefined) throw err;
    return err;
  }
  throw new Error('expected the request to fail, it succeeded');
}

// isoDay gives YYYY-MM-DD of a Date in UTC (fresh e2e users keep the default UTC time zone).
export function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

// pbDate formats a Date as PocketBase's datetime string.
export function pbDate(d) {
  return d.toISOString().replace('T', ' ');
}

// daysAgo is n days before now (a minute back, so n = 0 is never in the future); with `hour`, that
// day at hour:00 UTC.
export function daysAgo(n, hour) {
  const d = new Date(Date.now() - 60_000);
  d.setUTCDate(d.getUTCDate() - n);
  if (hour !== undefined) d.setUTCHours(hour, 0, 0, 0);
  return d;
}

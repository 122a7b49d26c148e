// Every answer a test receives from a custom endpoint is checked against the OpenAPI document the
// server serves (GET /api/openapi.json): the schema of that method, path and status, with ajv.
// An answer that changes shape, or a status the document does not list, fails the request.

import Ajv2020 from 'ajv/dist/2020.js';

const docId = 'trackbase-openapi.json';

function pointer(...parts) {
  return parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

// fail reports on stderr too: the SDK wraps the error into a ClientResponseError with status 0.
function fail(message) {
  console.error(message);
  throw new Error(message);
}

// loadChecker fetches the document of the server at url and returns check(method, url, status,
// contentType, body), which throws when the body does not match.
export async function loadChecker(url) {
  const res = await fetch(`${url}/api/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/openapi.json: ${res.status}`);
  const doc = await res.json();
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, docId);
  // custom endpoints only: the records API's answers depend on expand/fields
  const operations = Object.keys(doc.paths)
    .filter((p) => !p.startsWith('/api/collections/'))
    .map((p) => ({ path: p, re: new RegExp('^' + p.replace(/\{[^}]+\}/g, '[^/]+') + '$') }));
  const validators = new Map();

  return function check(method, rawURL, status, contentType, body) {
    const path = new URL(rawURL).pathname;
    const op = operations.find((o) => o.re.test(path));
    if (!op) return;
    const m = method.toLowerCase();
    const operation = doc.paths[op.path][m];
    if (!operation) fail(`${method} ${op.path} is not in the OpenAPI document`);
    const response = operation.responses[String(status)];
    if (!response) fail(`${method} ${op.path} answered ${status}, which the OpenAPI document does not list`);
    if (!contentType?.includes('application/json') || !response.content?.['application/json']) return;
    const key = `${m} ${op.path} ${status}`;
    let validate = validators.get(key);
    if (!validate) {
      const ref = `${docId}#/${pointer('paths', op.path, m, 'responses', status, 'content', 'application/json', 'schema')}`;
      validate = ajv.compile({ $ref: ref });
      validators.set(key, validate);
    }
    if (!validate(body)) {
      fail(`${method} ${path} ${status} does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}`);
    }
  };
}

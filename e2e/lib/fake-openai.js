// A fake OpenAI-compatible server for the AI end-to-end tests. It never reaches the network.
//
// Tests run in parallel processes, so they do not share a queue: each test registers rules that
// match a marker unique to that test (a substring of the request body), and reads back only the
// requests that contain its marker.
//
// Control API (JSON):
//   POST /__fake/rules     {match, path?, replies: [reply, ...]}  add a rule; replies are used in
//                          order and the last one repeats. A reply is
//                          {status?, content?, text?, usage?, delayMs?, headers?, error?}:
//                          content (string or object, objects are JSON-encoded) is the chat
//                          completion's message; text is a transcription; status >= 400 answers an
//                          OpenAI error body with `error` as its message.
//   GET  /__fake/requests?match=S  recorded requests whose body contains S
//                          ([{path, headers, body, json}], body as latin1 text).
//   POST /__fake/reset     forget every rule and request.
// OpenAI API: POST /v1/chat/completions, POST /v1/audio/transcriptions, GET /v1/models.
// A model request that matches no rule gets 500, so a missing rule fails loudly.

import http from 'node:http';

export function createFakeOpenAI() {
  let rules = [];
  let requests = [];

  function findRule(path, bodyText) {
    return rules.find((r) => (!r.path || r.path === path) && bodyText.includes(r.match));
  }

  function nextReply(rule) {
    const reply = rule.replies[Math.min(rule.used, rule.replies.length - 1)];
    rule.used++;
    return reply;
  }

  function sendJSON(res, status, body, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  function modelReply(path, json, reply) {
    if (reply.status && reply.status >= 400) {
      return {
        status: reply.status,
        body: { error: { message: reply.error ?? 'fake upstream error', type: 'server_error', code: null } },
      };
    }
    if (path.endsWith('/audio/transcriptions')) {
      return { status: 200, body: { text: reply.text ?? '' } };
    }
    const content = typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content ?? {});
    const usage = { prompt_tokens: 100, completion_tokens: 50, ...(reply.usage ?? {}) };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    return {
      status: 200,
      body: {
        id: `chatcmpl-fake-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: json?.model ?? 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage,
      },
    };
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const bodyText = raw.toString('latin1');
      let json = null;
      try {
        json = raw.length ? JSON.parse(raw.toString('utf8')) : null;
      } catch {
        json = null;
      }
      const url = new URL(req.url, 'http://fake');
      const path = url.pathname;

      if (path === '/__fake/rules' && req.method === 'POST') {
        if (!json?.match || !Array.isArray(json.replies) || json.replies.length === 0) {
          return sendJSON(res, 400, { error: 'rule needs match and replies' });
        }
        rules.push({ match: json.match, path: json.path, replies: json.replies, used: 0 });
        return sendJSON(res, 200, { ok: true });
      }
      if (path === '/__fake/requests' && req.method === 'GET') {
        const match = url.searchParams.get('match') ?? '';
        return sendJSON(res, 200, requests.filter((r) => r.body.includes(match)));
      }
      if (path === '/__fake/reset' && req.method === 'POST') {
        rules = [];
        requests = [];
        return sendJSON(res, 200, { ok: true });
      }
      if (path.endsWith('/models') && req.method === 'GET') {
        return sendJSON(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] });
      }
      if (!path.endsWith('/chat/completions') && !path.endsWith('/audio/transcriptions')) {
        return sendJSON(res, 404, { error: { message: `fake: no such route ${path}` } });
      }

      requests.push({ path, headers: req.headers, body: bodyText, json });
      const rule = findRule(path, bodyText);
      if (!rule) {
        return sendJSON(res, 500, { error: { message: 'fake: no rule matches this request', type: 'server_error' } });
      }
      const reply = nextReply(rule);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      const { status, body } = modelReply(path, json, reply);
      sendJSON(res, status, body, reply.headers ?? {});
    });
  });

  return {
    server,
    listen(port = 0) {
      return new Promise((resolve) => {
        server.listen(port, '127.0.0.1', () => resolve(server.address().port));
      });
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// Helpers for tests, talking to a fake started by the runner (FAKE_OPENAI_URL).
export async function addRule(baseURL, rule) {
  const res = await fetch(`${baseURL}/__fake/rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  if (!res.ok) throw new Error(`fake rule refused: ${await res.text()}`);
}

export async function recordedRequests(baseURL, match) {
  const res = await fetch(`${baseURL}/__fake/requests?match=${encodeURIComponent(match)}`);
  return res.json();
}

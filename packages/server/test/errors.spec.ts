// Every error answer of the server has one shape, `{ error: { code, message, path? } }`, Fastify's
// own included: every route × wrong method, bad JSON, a huge body, a wrong content type, a bad URL
// encoding and an unknown path, plus requests Node cannot parse as HTTP.
import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OnairServer } from '../src/app.js';
import { errorAnswerOptions, installErrorAnswers } from '../src/errors.js';
import { OPS_TOKEN } from './helpers.js';

let server: OnairServer;
let base: string;
/** `METHOD /url` of every route the app registered. */
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  server = createServer({ opsToken: OPS_TOKEN, db: ':memory:', port: 0 });
  server.app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  const { url } = await server.listen();
  base = url;
  // Registered on the app before the hook above could see it.
  routes.push({ method: 'GET', url: '/healthz' });
});
afterAll(() => server.close());

const PARAMS: Record<string, string> = { room: 'r1', poll: 'p1', product: 'sku-1', name: 'poll.create' };
const concrete = (url: string) =>
  url.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x').replace('*', 'x');
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Case {
  name: string;
  method: string;
  url: string;
  body?: string;
  type?: string;
  status: number;
  code: string;
}

/** The answer must be JSON `{ error: { code, message, path? } }` (the collector adds its counts). */
async function answer(c: Case): Promise<void> {
  const res = await fetch(base + c.url, {
    method: c.method,
    headers: {
      authorization: `Bearer ${OPS_TOKEN}`,
      ...(c.type ? { 'content-type': c.type } : {}),
    },
    ...(c.body === undefined ? {} : { body: c.body }),
  });
  const where = `${c.name}: ${c.method} ${c.url.slice(0, 80)}`;
  expect(res.headers.get('content-type'), where).toMatch(/^application\/json/);
  const body = (await res.json()) as { error?: Record<string, unknown> };
  expect({ where, status: res.status, code: body.error?.['code'] }).toEqual({
    where,
    status: c.status,
    code: c.code,
  });
  expectShape(body, where);
}

function expectShape(body: { error?: Record<string, unknown> }, where: string): void {
  expect(body.error, where).toBeTypeOf('object');
  const { code, message, path, ...rest } = body.error!;
  expect(rest, where).toEqual({});
  expect(code, where).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(message, where).toBeTypeOf('string');
  if (path !== undefined) expect(path, where).toBeTypeOf('string');
}

function casesFor(method: string, url: string): Case[] {
  const path = concrete(url);
  const collector = url.startsWith('/v1/events');
  const others = routes.filter((r) => r.url === url).map((r) => r.method);
  const wrong = METHODS.find((m) => !others.includes(m))!;
  const cases: Case[] = [
    { name: 'wrong method', method: wrong, url: path, status: 404, code: 'not_found' },
    { name: 'unknown path', method, url: `${path}/no/such/thing`, status: 404, code: 'not_found' },
    {
      name: 'bad URL encoding',
      method,
      url: url.includes(':') ? url.replace(/:\w+/, '%E0%A4%A').replace(/:(\w+)/g, 'x') : `${path}/%zz`,
      status: 400,
      code: 'bad_url',
    },
  ];
  if (WITH_BODY.has(method))
    cases.push(
      {
        name: 'bad JSON',
        method,
        url: path,
        body: '{"oops',
        type: 'application/json',
        status: 400,
        code: 'bad_json',
      },
      {
        name: 'huge body',
        method,
        url: path,
        body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
        type: 'application/json',
        status: 413,
        code: 'body_too_large',
      },
      // The collector takes any type (browsers post text/plain), so XML there is just not JSON.
      collector
        ? {
            name: 'wrong type',
            method,
            url: path,
            body: '<a/>',
            type: 'application/xml',
            status: 400,
            code: 'bad_json',
          }
        : {
            name: 'wrong type',
            method,
            url: path,
            body: '<a/>',
            type: 'application/xml',
            status: 415,
            code: 'unsupported_media_type',
          },
    );
  return cases;
}

describe('every route × bad requests answers { error: { code, message, path? } }', () => {
  it('walks the routes', async () => {
    const walked = routes.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    // The walk covers the whole API: rooms, features' commands and queries, the collector, health.
    expect(walked.length).toBeGreaterThan(20);
    let requests = 0;
    for (const route of walked)
      for (const c of casesFor(route.method, route.url)) {
        await answer(c);
        requests += 1;
      }
    expect(requests).toBeGreaterThan(100);
  });

  it('answers requests Node cannot parse on the socket, in the same shape', async () => {
    const { port } = new URL(base);
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let out = '';
        socket.on('data', (chunk) => {
          out += chunk;
        });
        socket.on('close', () => resolve(out));
        socket.on('error', () => resolve(out));
        socket.write(request);
      });
    const cases: [string, number, string][] = [
      ['BREW / HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad_request'],
      [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
      ['POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400, 'bad_request'],
      [
        'GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n',
        400,
        'bad_request',
      ],
    ];
    for (const [request, status, code] of cases) {
      const text = await raw(request);
      const [head = '', body = ''] = text.split('\r\n\r\n');
      expect(head, request.slice(0, 30)).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head.toLowerCase()).toContain('content-type: application/json');
      const json = JSON.parse(body) as { error: Record<string, unknown> };
      expect(json.error['code']).toBe(code);
      expectShape(json, request.slice(0, 30));
    }
  });
});

describe('the app-level error handler', () => {
  const app = Fastify(errorAnswerOptions);
  let url: string;
  beforeAll(async () => {
    installErrorAnswers(app);
    app.get('/boom', async () => {
      throw new Error('secret detail of a bug');
    });
    app.get('/refused', async () => {
      throw Object.assign(new Error('poll: is closed'), {
        statusCode: 409,
        code: 'poll_closed',
        path: 'poll',
      });
    });
    app.get('/fastify', async () => {
      throw Object.assign(new Error('Unsupported Media Type'), {
        statusCode: 415,
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      });
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('answers a bug 500 internal_error without its message; keeps our own 4xx codes and paths', async () => {
    const boom = await fetch(`${url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({
      error: { code: 'internal_error', message: 'internal server error' },
    });
    const refused = await fetch(`${url}/refused`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: { code: 'poll_closed', message: 'poll: is closed', path: 'poll' },
    });
    const fastify = await fetch(`${url}/fastify`);
    expect(fastify.status).toBe(415);
    expect(await fastify.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });
});

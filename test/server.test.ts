/**
 * The one HTTP server: routes mounted by path, 404/405, `/healthz` with every adapter's counters, the
 * body limit, and a graceful shutdown that lets a running request finish before the close hooks.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer, readBody, sendJson } from '../src/server.js';

const servers: HttpServer[] = [];

interface ErrorBody {
  error: string;
  message: string;
}
type Metrics = Record<string, Record<string, number> | undefined>;

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: ConstructorParameters<typeof HttpServer>[0] = {}) {
  const server = new HttpServer({ port: 0, ...options });
  servers.push(server);
  return server;
}

describe('HttpServer', () => {
  it('serves mounted routes by method and path, with 404 and 405 for the rest', async () => {
    const server = await start();
    server
      .route('POST', '/slack/events', (_req, res) => sendJson(res, 200, { from: 'slack' }))
      .route('POST', '/api/messages', async (req, res) => {
        const body = await readBody(req, 1024);
        sendJson(res, 200, { from: 'teams', echo: JSON.parse(body.toString()) });
      })
      .route('GET', '/web/static/*', (req, res) => sendJson(res, 200, { asset: req.url }));
    const { url } = await server.listen();

    const slack = await fetch(`${url}/slack/events`, { method: 'POST', body: '{}' });
    expect(await slack.json()).toEqual({ from: 'slack' });
    const teams = await fetch(`${url}/api/messages`, {
      method: 'POST',
      body: JSON.stringify({ type: 'message' }),
    });
    expect(await teams.json()).toEqual({ from: 'teams', echo: { type: 'message' } });
    const asset = await fetch(`${url}/web/static/app.js`);
    expect(await asset.json()).toEqual({ asset: '/web/static/app.js' });

    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).error).toBe('not_found');
    const wrongMethod = await fetch(`${url}/slack/events`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('says which setting to change when the port is taken', async () => {
    const first = await start();
    const { port } = await first.listen();
    const second = await start({ port });
    await expect(second.listen()).rejects.toMatchObject({
      code: 'config_invalid',
      userMessage: expect.stringMatching(/PORT/),
    });
  });

  it('refuses to mount the same route twice', async () => {
    const server = await start();
    server.route('POST', '/slack/events', () => {});
    expect(() => server.route('POST', '/slack/events', () => {})).toThrow(/already mounted/);
  });

  it('answers /healthz and /metrics with JSON including registered counters', async () => {
    const server = await start();
    let failures = 0;
    server.registerMetrics('web', () => ({ authFailures: failures }));
    const { url } = await server.listen();
    failures = 3;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await health.json()) as { status: string; metrics: Metrics };
    expect(body.status).toBe('ok');
    expect(body.metrics.web).toEqual({ authFailures: 3 });
    expect(body.metrics.http?.requests).toBeGreaterThanOrEqual(1);
    const metrics = (await (await fetch(`${url}/metrics`)).json()) as Metrics;
    expect(metrics.web?.authFailures).toBe(3);
  });

  it('answers 413 when a body is over the limit, declared or streamed', async () => {
    const server = await start({ maxBodyBytes: 100 });
    let handled = 0;
    server.route('POST', '/upload', async (req, res) => {
      handled++;
      const body = await readBody(req, 100);
      sendJson(res, 200, { size: body.length });
    });
    const { url } = await server.listen();

    const small = await fetch(`${url}/upload`, { method: 'POST', body: 'x'.repeat(50) });
    expect(await small.json()).toEqual({ size: 50 });

    const declared = await fetch(`${url}/upload`, { method: 'POST', body: 'x'.repeat(5000) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorBody).message).toMatch(/limit/);
    expect(handled).toBe(1); // refused before the handler ran

    // A chunked body has no Content-Length: readBody stops it as it grows.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(50)));
        controller.close();
      },
    });
    const streamed = await fetch(`${url}/upload`, {
      method: 'POST',
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const metrics = (await (await fetch(`${url}/metrics`)).json()) as Metrics;
    expect(metrics.http?.payloadTooLarge).toBe(2);
  });

  it('turns a failing handler into a friendly 500 without internals', async () => {
    const server = await start();
    server.route('GET', '/broken', async () => {
      throw new Error('database password is hunter2');
    });
    const { url } = await server.listen();
    const response = await fetch(`${url}/broken`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text).message).toMatch(/try again/i);
  });

  it('shuts down gracefully: stops accepting, lets the running request finish, then runs close hooks', async () => {
    const server = await start({ shutdownTimeoutMs: 5000 });
    const events: string[] = [];
    let release: () => void = () => {};
    server.route('GET', '/slow', async (_req, res) => {
      events.push('slow started');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      sendJson(res, 200, { done: true });
      events.push('slow answered');
    });
    server.onShutdown(() => {
      events.push('shutdown hook');
    });
    server.onClose(() => {
      events.push('close hook');
    });
    const { port, url } = await server.listen();

    const slow = getJson(port, '/slow');
    await waitFor(() => events.includes('slow started'));
    const closed = server.close().then(() => events.push('closed'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).not.toContain('close hook'); // still draining

    // No new connections once shutdown began.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    release();
    expect(await slow).toEqual({ status: 200, body: { done: true } });
    await closed;
    expect(events).toEqual(['slow started', 'shutdown hook', 'slow answered', 'close hook', 'closed']);
  });

  it('does not wait for idle keep-alive connections when closing', async () => {
    const server = await start({ shutdownTimeoutMs: 5000 });
    const { url } = await server.listen();
    await (await fetch(`${url}/healthz`)).json(); // leaves a pooled keep-alive socket open
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('cuts requests still running when the shutdown timeout passes, and still closes', async () => {
    const server = await start({ shutdownTimeoutMs: 100 });
    let closeHookRan = false;
    server.route('GET', '/stuck', () => {
      // Never answers.
    });
    server.onClose(() => {
      closeHookRan = true;
    });
    const { port } = await server.listen();
    const stuck = getJson(port, '/stuck').catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(closeHookRan).toBe(true);
    expect(await stuck).toBeInstanceOf(Error);
  });
});

/** A plain node:http GET, so the test controls the connection (fetch pools and retries). */
function getJson(port: number, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

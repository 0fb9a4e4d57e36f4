/**
 * The one HTTP server: Slack events, Teams activities, the web chat and `/healthz` share it. It knows
 * no chat SDK; each adapter exports plain Node `(req, res)` handlers and the composition root mounts
 * them by path:
 *
 * ```ts
 * const server = new HttpServer({ port: config.port, host: config.host, logger });
 * server.route('POST', '/slack/events', slackHandler);
 * server.route('POST', '/api/messages', teamsHandler);
 * mountWebChat(server, { bot, token: config.webChatToken, host: config.host, ... });
 * server.onClose(() => bot.close());
 * await server.listen();
 * server.closeOnSignals(); // SIGINT / SIGTERM → graceful shutdown
 * ```
 *
 * Shutdown is graceful: stop accepting, end long-lived streams (`onShutdown` hooks), drain in-flight
 * requests for up to `shutdownTimeoutMs`, cut what is left, then run the `onClose` hooks (bot, stores).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { asCodedError, ErrorCode, OrganSegError } from './errors.js';
import { type Logger, silentLogger } from './logger.js';

/** A plain Node request handler, as the Slack, Teams and web adapters export. May return a promise. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface RouteOptions {
  /**
   * Requests whose `Content-Length` exceeds this are answered 413 before the handler runs. Bodies
   * without a length (chunked) are bounded by `readBody(req, maxBytes)` in the handler.
   * Default: the server's `maxBodyBytes`.
   */
  maxBodyBytes?: number;
  /** The sentence a 413 carries, in the user's terms. Default: the limit in MiB. */
  tooLargeMessage?: string;
}

export interface HttpServerOptions {
  /** TCP port; 0 picks a free one (tests). Default 3978, the `PORT` default. */
  port?: number;
  /** Bind address. Default `127.0.0.1`: nothing is exposed unless `HOST` says so. */
  host?: string;
  logger?: Logger;
  /** How long shutdown waits for in-flight requests before cutting them, in ms. Default 10,000. */
  shutdownTimeoutMs?: number;
  /** Default body limit per route, in bytes (`RouteOptions.maxBodyBytes`). Default 1 MiB. */
  maxBodyBytes?: number;
}

/** A source of counters for `/healthz` and `/metrics` (auth failures, requests, queue depth…). */
export type MetricsSource = () => Record<string, number | string | boolean>;

type Hook = () => void | Promise<void>;

interface Route {
  method: HttpMethod;
  /** Exact path, or a prefix when the registered path ends with `/*`. */
  path: string;
  prefix: boolean;
  handler: RouteHandler;
  maxBodyBytes: number;
  tooLargeMessage?: string;
}

/** Thrown by `readBody` when a body grows past its limit; the server answers 413. */
export class PayloadTooLargeError extends Error {
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`request body larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
    this.limitBytes = limitBytes;
  }
}

/**
 * Reads a whole request body, refusing (with `PayloadTooLargeError`) as soon as it passes `maxBytes`
 * so a huge upload never sits in memory. Adapters that verify a signature over the raw body
 * (Slack) use this and then parse.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new PayloadTooLargeError(maxBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Writes a JSON response (no-op if the headers already went out). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

const MiB = 1024 * 1024;

/** The usual start-up failures, said in configuration terms (PORT, HOST). */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new OrganSegError(
      ErrorCode.ConfigInvalid,
      `Port ${port} is already in use. Stop the other server or set PORT to a free port.`,
      { cause: error, detail: `${host}:${port}` },
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') {
    return new OrganSegError(
      ErrorCode.ConfigInvalid,
      `Cannot listen on ${host}:${port}. Check HOST and PORT.`,
      {
        cause: error,
        detail: error.code,
      },
    );
  }
  return error;
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

export class HttpServer {
  private readonly routes: Route[] = [];
  private readonly metricsSources = new Map<string, MetricsSource>();
  private readonly shutdownHooks: Hook[] = [];
  private readonly closeHooks: Hook[] = [];
  private readonly inFlight = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private readonly logger: Logger;
  private readonly options: Required<Omit<HttpServerOptions, 'logger'>>;
  private readonly server: Server;
  private readonly startedAt = Date.now();
  private readonly counters = { requests: 0, notFound: 0, payloadTooLarge: 0, serverErrors: 0 };
  private closing: Promise<void> | undefined;

  constructor(options: HttpServerOptions = {}) {
    this.options = {
      port: options.port ?? 3978,
      host: options.host ?? '127.0.0.1',
      shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
      maxBodyBytes: options.maxBodyBytes ?? MiB,
    };
    this.logger = (options.logger ?? silentLogger).child({ component: 'http' });
    this.server = createServer((req, res) => this.dispatch(req, res));
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.route('GET', '/healthz', (_req, res) => this.sendHealth(res));
    this.route('GET', '/metrics', (_req, res) => sendJson(res, 200, this.metrics()));
  }

  /**
   * Mounts a handler. `path` is exact (`/slack/events`) or a prefix ending in `/*` (`/web/static/*`);
   * exact routes win over prefixes, longer prefixes over shorter. `GET` routes also answer `HEAD`.
   * Returns the server, so calls chain.
   */
  route(method: HttpMethod, path: string, handler: RouteHandler, options: RouteOptions = {}): this {
    const prefix = path.endsWith('/*');
    const normalised = prefix ? path.slice(0, -1) : path;
    if (this.routes.some((r) => r.method === method && r.path === normalised && r.prefix === prefix)) {
      throw new Error(`route ${method} ${path} is already mounted`);
    }
    this.routes.push({
      method,
      path: normalised,
      prefix,
      handler,
      maxBodyBytes: options.maxBodyBytes ?? this.options.maxBodyBytes,
      tooLargeMessage: options.tooLargeMessage,
    });
    return this;
  }

  /** Adds named counters to `/healthz` and `/metrics` (e.g. `web` → `{ authFailures: 2 }`). */
  registerMetrics(name: string, source: MetricsSource): this {
    this.metricsSources.set(name, source);
    return this;
  }

  /** Runs as soon as shutdown starts, before the drain: end long-lived streams (SSE) here. */
  onShutdown(hook: Hook): this {
    this.shutdownHooks.push(hook);
    return this;
  }

  /** Runs after the drain, in registration order: close the bot, queues and stores here. */
  onClose(hook: Hook): this {
    this.closeHooks.push(hook);
    return this;
  }

  /** Starts listening; resolves with the bound address (the real port when `port` was 0). */
  async listen(): Promise<{ host: string; port: number; url: string }> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        reject(listenError(error, this.options.host, this.options.port));
      this.server.once('error', onError);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    // After start-up, a server error (EMFILE…) is logged rather than crashing the process.
    this.server.on('error', (error) => this.logger.error({ err: error }, 'server error'));
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    this.logger.info({ host: address.address, port: address.port }, 'listening');
    return { host: address.address, port: address.port, url };
  }

  /** Whether shutdown has begun. */
  get isClosing(): boolean {
    return this.closing !== undefined;
  }

  /** Graceful shutdown; calling it again returns the same promise. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /**
   * Closes gracefully on the first of `signals`, and exits the process on a second one (someone
   * pressing Ctrl-C twice wants out now). Returns a function that removes the listeners.
   */
  closeOnSignals(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.isClosing) {
        this.logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      this.logger.info({ signal }, 'shutting down');
      this.close().then(
        () => process.exit(0),
        (error: unknown) => {
          this.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    for (const signal of signals) process.on(signal, onSignal);
    return () => {
      for (const signal of signals) process.off(signal, onSignal);
    };
  }

  /** Counters from the server and every registered source. */
  metrics(): Record<string, unknown> {
    const sources: Record<string, unknown> = {};
    for (const [name, source] of this.metricsSources) {
      try {
        sources[name] = source();
      } catch (error) {
        this.logger.warn({ err: error, source: name }, 'metrics source failed');
        sources[name] = { error: 'unavailable' };
      }
    }
    return { http: { ...this.counters, inFlight: this.inFlight.size }, ...sources };
  }

  private sendHealth(res: ServerResponse): void {
    // Once shutdown starts, `dispatch` answers every request (this one too) with 503 `shutting_down`.
    sendJson(res, 200, {
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      metrics: this.metrics(),
    });
  }

  private findRoute(method: string, path: string): { route?: Route; allowed: string[] } {
    const lookup = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
    const matching = this.routes.filter((r) => (r.prefix ? path.startsWith(r.path) : path === r.path));
    // Exact routes first, then the longest prefix.
    matching.sort((a, b) => Number(a.prefix) - Number(b.prefix) || b.path.length - a.path.length);
    const route = matching.find((r) => lookup.includes(r.method));
    return { route, allowed: [...new Set(matching.map((r) => r.method))] };
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): void {
    this.counters.requests++;
    if (this.isClosing) {
      // A keep-alive connection may still send a request after close(): refuse it and end the socket.
      sendJson(
        res,
        503,
        { error: 'shutting_down', message: 'The server is restarting. Try again shortly.' },
        {
          connection: 'close',
        },
      );
      return;
    }
    const path = pathOf(req);
    const { route, allowed } = this.findRoute(req.method ?? 'GET', path);
    if (!route) {
      if (allowed.length > 0) {
        sendJson(
          res,
          405,
          { error: 'method_not_allowed', message: `Use ${allowed.join(' or ')} here.` },
          {
            allow: allowed.join(', '),
          },
        );
        return;
      }
      this.counters.notFound++;
      sendJson(res, 404, { error: 'not_found', message: `Nothing is served at ${path}.` });
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > route.maxBodyBytes) {
      this.rejectTooLarge(req, res, route.maxBodyBytes, route.tooLargeMessage);
      return;
    }
    this.inFlight.add(res);
    res.once('close', () => this.inFlight.delete(res));
    let outcome: void | Promise<void>;
    try {
      outcome = route.handler(req, res);
    } catch (error) {
      this.handlerFailed(req, res, error);
      return;
    }
    if (outcome instanceof Promise) outcome.catch((error: unknown) => this.handlerFailed(req, res, error));
  }

  private rejectTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, message?: string): void {
    this.counters.payloadTooLarge++;
    const mib = (limit / MiB).toFixed(limit < MiB ? 2 : 0);
    // Close the connection: the client may still be sending the body we refuse to read.
    sendJson(
      res,
      413,
      {
        error: 'payload_too_large',
        message: message ?? `That upload is larger than the ${mib} MiB limit. Send a smaller file.`,
      },
      { connection: 'close' },
    );
    req.resume();
  }

  private handlerFailed(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    if (error instanceof PayloadTooLargeError) {
      this.rejectTooLarge(
        req,
        res,
        error.limitBytes,
        this.findRoute(req.method ?? 'GET', pathOf(req)).route?.tooLargeMessage,
      );
      return;
    }
    this.counters.serverErrors++;
    const coded = asCodedError(error);
    // The path only: a query string may carry a token (`?token=` on the web chat's event stream).
    this.logger.error(
      { err: error, code: coded.code, method: req.method, path: pathOf(req) },
      'request failed',
    );
    if (res.headersSent) res.end();
    else sendJson(res, 500, { error: coded.code, message: coded.userMessage });
  }

  private async shutdown(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
    this.server.closeIdleConnections();
    await this.runHooks(this.shutdownHooks, 'shutdown');
    const drained = await this.drain();
    if (!drained)
      this.logger.warn({ inFlight: this.inFlight.size }, 'shutdown timeout: cutting requests still running');
    // After a clean drain, a keep-alive socket whose last response just ended gets a second to go
    // idle and close on its own; anything still open then (or at once, after a timeout) is cut.
    const cut = setTimeout(
      () => {
        for (const socket of this.sockets) socket.destroy();
      },
      drained ? 1000 : 0,
    );
    await stopped;
    clearTimeout(cut);
    await this.runHooks(this.closeHooks, 'close');
    this.logger.info('closed');
  }

  /** Resolves true once no request is in flight, false if `shutdownTimeoutMs` passes first. */
  private drain(): Promise<boolean> {
    return new Promise((resolve) => {
      const deadline = Date.now() + this.options.shutdownTimeoutMs;
      const check = () => {
        if (this.inFlight.size === 0) {
          // Finished responses leave their keep-alive sockets idle; close them so close() resolves.
          this.server.closeIdleConnections();
          resolve(true);
        } else if (Date.now() >= deadline) resolve(false);
        else setTimeout(check, 20);
      };
      check();
    });
  }

  private async runHooks(hooks: Hook[], phase: string): Promise<void> {
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        this.logger.error({ err: error, phase }, 'shutdown hook failed');
      }
    }
  }
}

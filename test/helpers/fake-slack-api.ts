/**
 * A local stand-in for Slack's Web API on loopback: the adapter's WebClient points here through
 * `slackApiUrl`, files are downloaded from here, and `files.uploadV2`'s three steps land here.
 * Every call is recorded so tests assert what a user would see in the channel.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Form or JSON parameters; `blocks` and other JSON-encoded fields are parsed. */
  params: Record<string, unknown>;
  /** The bearer token the call was made with. */
  token?: string;
}

export interface RecordedUpload {
  fileId: string;
  filename: string;
  altText?: string;
  length: number;
  bytes?: Buffer;
  /** Set once `files.completeUploadExternal` shares it. */
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
}

export interface HostedFile {
  id: string;
  name: string;
  mimetype: string;
  bytes: Buffer;
  /** Served content type (default `mimetype`); `text/html` mimics Slack's sign-in page. */
  servedAs?: string;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly uploads = new Map<string, RecordedUpload>();
  /** Authorization headers seen on file downloads, by file id. */
  readonly downloads: Array<{ fileId: string; authorization?: string }> = [];
  /** Bodies posted to response_url endpoints. */
  readonly responses: Array<Record<string, unknown>> = [];
  readonly botUserId = 'U0BOT';
  readonly botId = 'B0BOT';
  readonly teamId = 'T0TEAM';

  /** Text frames the Socket Mode client sent (envelope acks), parsed. */
  readonly socketReceived: Array<Record<string, unknown>> = [];

  private server?: Server;
  private sockets = new Set<Socket>();
  private files = new Map<string, HostedFile>();
  private failures = new Map<string, string>();
  private nextTs = 1_700_000_100;
  private nextFile = 1;
  private waiters: Array<() => void> = [];

  /** Base URL of the Web API, e.g. `http://127.0.0.1:1234/api/`. */
  apiUrl = '';
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket) => this.acceptWebSocket(req, socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.origin}/api/`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Whether a Socket Mode client is connected. */
  get socketConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** Sends one Socket Mode envelope (`events_api`, `slash_commands`, `interactive`) to every client. */
  socketSend(message: Record<string, unknown>): void {
    for (const socket of this.sockets) socket.write(wsFrame(0x1, Buffer.from(JSON.stringify(message))));
  }

  /**
   * Just enough of RFC 6455 for Socket Mode: the handshake, unmasked text frames out, masked frames
   * in (text recorded, ping answered with pong, close echoed).
   */
  private acceptWebSocket(req: IncomingMessage, socket: Socket): void {
    const key = req.headers['sec-websocket-key'];
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const frame = readFrame(pending);
        if (!frame) break;
        pending = pending.subarray(frame.size);
        if (frame.opcode === 0x1) {
          this.socketReceived.push(JSON.parse(frame.payload.toString()) as Record<string, unknown>);
          this.record({ method: 'socket', params: this.socketReceived.at(-1) ?? {} });
        } else if (frame.opcode === 0x9) {
          socket.write(wsFrame(0xa, frame.payload));
        } else if (frame.opcode === 0x8) {
          socket.end(wsFrame(0x8, frame.payload));
          this.sockets.delete(socket);
        }
      }
    });
    socket.write(
      wsFrame(
        0x1,
        Buffer.from(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
            connection_info: { app_id: 'A0APP' },
          }),
        ),
      ),
    );
  }

  /** Serves a file at its `url_private_download` and returns the event's `files[]` entry. */
  hostFile(file: HostedFile): Record<string, unknown> {
    this.files.set(file.id, file);
    return {
      id: file.id,
      name: file.name,
      title: file.name,
      mimetype: file.mimetype,
      filetype: file.name.split('.').pop(),
      size: file.bytes.length,
      mode: 'hosted',
      url_private: `${this.origin}/files-pri/${this.teamId}-${file.id}/${file.name}`,
      url_private_download: `${this.origin}/files-pri/${this.teamId}-${file.id}/download/${file.name}`,
    };
  }

  /** The next call to `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.failures.set(method, error);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `predicate` holds over the recorded calls (polls on every new call). */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out; calls so far: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private ts(): string {
    this.nextTs += 1;
    return `${this.nextTs}.000100`;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = await readBody(req);
    const authorization = req.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;

    const download = url.pathname.match(/^\/files-pri\/[^/]+-(F[^/]+)\//);
    if (req.method === 'GET' && download) {
      const fileId = download[1] as string;
      this.downloads.push({ fileId, authorization });
      const file = this.files.get(fileId);
      if (!file) return void res.writeHead(404).end();
      if (token !== 'xoxb-test-token') {
        // Slack answers a bad token with its sign-in page, status 200.
        return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>sign in</html>');
      }
      res.writeHead(200, {
        'Content-Type': file.servedAs ?? file.mimetype,
        'Content-Length': file.bytes.length,
      });
      return void res.end(file.bytes);
    }

    const upload = url.pathname.match(/^\/upload\/(F[^/]+)$/);
    if (req.method === 'POST' && upload) {
      const fileId = upload[1] as string;
      const form = await new Response(new Uint8Array(body), {
        headers: { 'content-type': req.headers['content-type'] ?? '' },
      }).formData();
      const part = form.get('body') ?? form.get('file') ?? form.get('filename');
      const recorded = this.uploads.get(fileId);
      if (recorded && part instanceof Blob) recorded.bytes = Buffer.from(await part.arrayBuffer());
      this.record({ method: 'upload', params: { fileId }, token });
      return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`OK - ${body.length}`);
    }

    if (url.pathname.startsWith('/response/')) {
      const parsed = JSON.parse(body.toString() || '{}') as Record<string, unknown>;
      this.responses.push(parsed);
      this.record({ method: 'response_url', params: parsed });
      return void res.writeHead(200).end('ok');
    }

    const method = url.pathname.replace(/^\/api\//, '');
    const params = parseParams(req.headers['content-type'], body);
    const paramToken = typeof params.token === 'string' ? params.token : undefined;
    this.record({ method, params, token: token ?? paramToken });
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      return json(res, { ok: false, error: failure });
    }
    json(res, this.answer(method, params));
  }

  private answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: this.botUserId,
          bot_id: this.botId,
          team_id: this.teamId,
          user: 'organ-seg',
        };
      case 'apps.connections.open':
        return { ok: true, url: `${this.origin.replace('http:', 'ws:')}/link/?ticket=fake` };
      case 'chat.postMessage':
        return { ok: true, channel: params.channel, ts: this.ts(), message: { text: params.text } };
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts };
      case 'chat.delete':
      case 'reactions.add':
      case 'reactions.remove':
      case 'views.publish':
        return { ok: true };
      case 'files.info': {
        const file = this.files.get(String(params.file));
        return file ? { ok: true, file: this.hostFile(file) } : { ok: false, error: 'file_not_found' };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `FUP${this.nextFile++}`;
        this.uploads.set(fileId, {
          fileId,
          filename: String(params.filename),
          altText: typeof params.alt_text === 'string' ? params.alt_text : undefined,
          length: Number(params.length),
        });
        return { ok: true, upload_url: `${this.origin}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (params.files as Array<{ id: string }>) ?? [];
        for (const f of files) {
          const recorded = this.uploads.get(f.id);
          if (!recorded) return { ok: false, error: 'file_not_found' };
          recorded.channelId = params.channel_id as string | undefined;
          recorded.threadTs = params.thread_ts as string | undefined;
          recorded.initialComment = params.initial_comment as string | undefined;
        }
        return { ok: true, files: files.map((f) => ({ id: f.id })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function wsFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigEndian64(length)]);
  return Buffer.concat([header, payload]);
}

function bigEndian64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
}

function readFrame(data: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = (data[0] as number) & 0x0f;
  const masked = ((data[1] as number) & 0x80) !== 0;
  let length = (data[1] as number) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskKey = masked ? data.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (data.length < offset + length) return undefined;
  const payload = Buffer.from(data.subarray(offset, offset + length));
  if (maskKey)
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (maskKey[i % 4] as number);
  return { opcode, payload, size: offset + length };
}

function json(res: ServerResponse, body: Record<string, unknown>): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API calls are form-encoded with JSON-encoded values for arrays and objects. */
function parseParams(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(body.toString() || '{}');
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body.toString())) {
    params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return params;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

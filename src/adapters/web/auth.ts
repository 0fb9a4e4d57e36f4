/**
 * Who may use the web chat. Bound to localhost it needs no token, but then only requests addressed
 * to a localhost name are served (a DNS-rebinding page cannot reach it under another name). Bound
 * to anything else it needs `WEB_CHAT_TOKEN`, compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, OrganSegError } from '../../errors.js';

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1']);

/** True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(name) || /^127(\.\d{1,3}){3}$/.test(name) || name.endsWith('.localhost');
}

/**
 * Refuses to serve the web chat where other machines can reach it without a token. Throws a coded
 * `config_invalid` error the composition root reports at start-up.
 */
export function assertWebChatExposure(bindHost: string, token: string | undefined): void {
  if (!token && !isLoopbackHost(bindHost)) {
    throw new OrganSegError(
      ErrorCode.ConfigInvalid,
      `The web chat would listen on ${bindHost}, which other machines can reach. Set WEB_CHAT_TOKEN to require a token, or HOST=127.0.0.1 to keep it local.`,
    );
  }
}

/** Constant-time comparison: hashing first makes both sides the same length. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries: `Authorization: Bearer …`, else `?token=` (EventSource cannot set headers). */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return url.searchParams.get('token') ?? undefined;
}

/** The host name of the `Host` header, without the port. */
export function requestHostName(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

export type AuthOutcome = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Decides whether one API request may go on. */
export function authorizeWebRequest(req: IncomingMessage, url: URL, token: string | undefined): AuthOutcome {
  if (token) {
    const given = requestToken(req, url);
    if (given && tokenMatches(given, token)) return { ok: true };
    return {
      ok: false,
      status: 401,
      message:
        'This web chat needs an access token. Open the link with ?token=… that the person running the server gave you.',
    };
  }
  if (!isLoopbackHost(requestHostName(req))) {
    return {
      ok: false,
      status: 403,
      message: 'This web chat only answers on localhost. Open it at http://localhost with the same port.',
    };
  }
  return { ok: true };
}

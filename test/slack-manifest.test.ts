/**
 * The manifest is pasted into Slack as is: its commands, events and request URLs must match what the
 * adapter handles, and its scopes must be exactly the ones the adapter's API calls need.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMANDS } from '../src/adapters/slack/index.js';

const manifest = readFileSync(new URL('../manifests/slack/manifest.yaml', import.meta.url), 'utf8');

/** The `- item` lines under a `key:` line, comments dropped (the file is flat enough for this). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  expect(start, `${key}: is in the manifest`).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = line.match(/^\s*-\s+([^#\s]+)/);
    if (!item) break;
    items.push(item[1] as string);
  }
  return items;
}

describe('Slack manifest', () => {
  it('asks for exactly the scopes the adapter uses', () => {
    expect(listUnder('bot').sort()).toEqual(
      [
        'app_mentions:read', // app_mention
        'channels:history', // message.channels
        'chat:write', // chat.postMessage, chat.update, chat.delete
        'commands', // slash commands
        'files:read', // files.info, url_private_download
        'files:write', // files.uploadV2
        'groups:history', // message.groups
        'im:history', // message.im
        'reactions:write', // reactions.add / reactions.remove
      ].sort(),
    );
    expect(manifest).not.toMatch(/files\.upload\b(?!V2)/);
  });

  it('subscribes to the events the adapter listens for', () => {
    expect(listUnder('bot_events').sort()).toEqual(
      ['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im'].sort(),
    );
  });

  it('registers both slash commands and sends everything to /slack/events', () => {
    const commands = [...manifest.matchAll(/-\s+command:\s+(\S+)/g)].map((m) => m[1]);
    expect(commands).toEqual([...SLASH_COMMANDS]);
    const urls = [...manifest.matchAll(/(?:url|request_url):\s+(\S+)/g)].map((m) => m[1]);
    expect(urls).toHaveLength(4);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest).toMatch(/socket_mode_enabled: false/);
    expect(manifest).toMatch(/is_enabled: true/);
  });
});

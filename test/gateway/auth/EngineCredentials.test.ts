import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessBanner } from '../../../src/gateway/auth/accessBanner.js';
import { CREDENTIALS_FILE, loadOrCreateCredentials } from '../../../src/gateway/auth/EngineCredentials.js';
import { tempDir } from '../../support/engineHarness.js';

describe('engine credentials in DATA_DIR', () => {
  it('are generated once, readable by the owner only, and the same at the next start', () => {
    // given
    const dataDir = tempDir('credentials-');
    // when
    const first = loadOrCreateCredentials(dataDir);
    const second = loadOrCreateCredentials(dataDir);
    // then
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(fs.statSync(path.join(dataDir, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    expect(first.credentials.clients.map((c) => c.id)).toEqual(['web-app', 'job-workers', 'operator']);
    expect(new Set(first.credentials.clients.map((c) => c.secret)).size).toBe(3);
    expect(second.credentials).toEqual(first.credentials);
  });

  it('refuses a file with a short secret, naming the client', () => {
    // given
    const dataDir = tempDir('credentials-');
    fs.writeFileSync(path.join(dataDir, CREDENTIALS_FILE), JSON.stringify({ signingKey: Buffer.alloc(32, 1).toString('base64url'), clients: [{ id: 'web-app', secret: 'short' }] }));
    // when / then
    expect(() => loadOrCreateCredentials(dataDir)).toThrow(/clients\[0\] needs an 'id' and a 'secret' of at least 16 characters/);
  });

  it('start banner: how to connect when protected, a warning with ENGINE_AUTH=none or a file others can read', () => {
    // given
    const dataDir = tempDir('credentials-');
    const loaded = loadOrCreateCredentials(dataDir);
    const where = { grpc: '127.0.0.1:26500', rest: 'http://127.0.0.1:8080', tokenUrl: 'http://127.0.0.1:8080/oauth/token' };
    // when
    const protectedStart = accessBanner({ ...where, credentials: loaded });
    const open = accessBanner({ ...where, credentials: undefined });
    fs.chmodSync(loaded.file, 0o644);
    const exposed = accessBanner({ ...where, credentials: loaded });
    // then
    expect(protectedStart.warnings).toEqual([]);
    expect(protectedStart.info.join('\n')).toContain('ZEEBE_AUTHORIZATION_SERVER_URL=http://127.0.0.1:8080/oauth/token');
    expect(protectedStart.info.join('\n')).not.toContain(loaded.credentials.clients[2].secret);
    expect(open.warnings[0]).toMatch(/^WARNING: ENGINE_AUTH=none/);
    expect(exposed.warnings[0]).toContain('chmod 600');
  });
});

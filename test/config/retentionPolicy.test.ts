import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { RetentionPolicy } from '../../src/retentionPolicy.js';
import { runTs } from '../deploy/support/childProcess.js';
import { tempDir } from '../support/engineHarness.js';

describe('ENGINE_RETENTION', () => {
  it('reads an ISO-8601 duration measured back from the engine clock, calendar years and months included', () => {
    // given
    const now = Date.parse('2026-03-31T12:00:00.000Z');
    // when / then
    expect(RetentionPolicy.parse('P30D')!.cutoff(now)).toBe(Date.parse('2026-03-01T12:00:00.000Z'));
    expect(RetentionPolicy.parse('P1Y')!.cutoff(now)).toBe(Date.parse('2025-03-31T12:00:00.000Z'));
    expect(RetentionPolicy.parse('PT12H')!.cutoff(now)).toBe(Date.parse('2026-03-31T00:00:00.000Z'));
    expect(RetentionPolicy.parse(' PT0S ')!.cutoff(now)).toBe(now);
    expect(RetentionPolicy.parse('P30D')!.iso).toBe('P30D');
  });

  it('keeps everything when unset, empty or off', () => {
    expect(RetentionPolicy.parse(undefined)).toBeUndefined();
    expect(RetentionPolicy.parse('')).toBeUndefined();
    expect(RetentionPolicy.parse('OFF')).toBeUndefined();
    expect(loadConfig({}).retention).toBeUndefined();
    expect(loadConfig({ ENGINE_RETENTION: 'P90D' }).retention?.iso).toBe('P90D');
  });

  it('refuses a negative or unparsable duration, naming the variable and the value', () => {
    expect(() => loadConfig({ ENGINE_RETENTION: '-P1D' })).toThrow("ENGINE_RETENTION='-P1D' is negative");
    expect(() => loadConfig({ ENGINE_RETENTION: '30 days' })).toThrow("ENGINE_RETENTION='30 days' is not an ISO-8601 duration");
    expect(() => loadConfig({ ENGINE_RETENTION: '30' })).toThrow("ENGINE_RETENTION='30' is not an ISO-8601 duration");
  });

  it('is refused with ENGINE=external, where Camunda 8 keeps its own retention', () => {
    expect(() => loadConfig({ ENGINE: 'external', ENGINE_RETENTION: 'P30D' })).toThrow('applies to the embedded engine only');
  });

  it('stops `npm start` before anything starts when the value is bad', async () => {
    // given: a fresh data directory
    const dataDir = tempDir('retention-start-');
    // when
    const started = runTs('src/main.ts', [], { ...process.env, DATA_DIR: dataDir, ENGINE_RETENTION: '-P30D', PORT: '0', ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:0', ZEEBE_REST_ADDRESS: 'http://127.0.0.1:0' });
    const code = await new Promise<number | null>((resolve) => started.child.once('exit', resolve));
    // then: exit 1 with the reason, and no engine database made
    expect(code).toBe(1);
    expect(started.output()).toContain("ENGINE_RETENTION='-P30D' is negative");
    expect(fs.existsSync(path.join(dataDir, 'engine.sqlite'))).toBe(false);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { loadConfig, smtpTarget } from '../../src/config.js';

/** src/config.ts: the one place that reads the environment (SMTP, demo users, demo instances). */
describe('loadConfig: mail', () => {
  it('defaults to a relay on 127.0.0.1:1025 without TLS or credentials, from the Provincia PEC', () => {
    const { smtp } = loadConfig({});
    expect(smtp).toEqual({ host: undefined, port: 1025, secure: false, from: 'protocollo@pec.provincia.mb.it' });
    expect(smtpTarget(smtp)).toEqual({ host: '127.0.0.1', port: 1025, secure: false });
  });

  it('reads SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS and MAIL_FROM', () => {
    const { smtp } = loadConfig({
      SMTP_HOST: 'smtps.pec.aruba.it', SMTP_PORT: '465', SMTP_SECURE: 'true', SMTP_USER: 'protocollo@pec.provincia.mb.it', SMTP_PASS: 's3greto', MAIL_FROM: 'upd@pec.provincia.mb.it',
    });
    expect(smtpTarget(smtp)).toEqual({ host: 'smtps.pec.aruba.it', port: 465, secure: true, auth: { user: 'protocollo@pec.provincia.mb.it', pass: 's3greto' } });
    expect(smtp.from).toBe('upd@pec.provincia.mb.it');
  });

  it('catches mail locally only when SMTP_HOST is unset outside production', () => {
    expect(loadConfig({}).devMailCatcher).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).devMailCatcher).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).devMailCatcher).toBe(false);
    expect(loadConfig({ SMTP_HOST: 'mailpit' }).devMailCatcher).toBe(false);
  });

  it('runs the local mail catcher on MAIL_CATCHER_PORT, 1025 by default (where SMTP_PORT points), never a random port', () => {
    expect(loadConfig({}).mailCatcherPort).toBe(1025);
    expect(loadConfig({}).smtp.port).toBe(loadConfig({}).mailCatcherPort);
    expect(loadConfig({ MAIL_CATCHER_PORT: '2526' }).mailCatcherPort).toBe(2526);
    expect(() => loadConfig({ MAIL_CATCHER_PORT: 'smtp' })).toThrow(/MAIL_CATCHER_PORT must be a port number/);
  });

  it('refuses a bad port or flag with the variable named', () => {
    expect(() => loadConfig({ SMTP_PORT: 'smtp' })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ SMTP_PORT: '70000' })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ SMTP_SECURE: 'maybe' })).toThrow(/SMTP_SECURE must be true or false, got 'maybe'/);
  });
});

describe('loadConfig: demo', () => {
  it('creates no demo users unless SEED_DEMO_USERS=true; false asks to remove them', () => {
    expect(loadConfig({}).seedDemoUsers).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemoUsers).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO_USERS: 'true' }).seedDemoUsers).toBe(true);
    expect(loadConfig({ SEED_DEMO_USERS: 'false' }).seedDemoUsers).toBe(false);
    expect(loadConfig({ SEED_DEMO_USERS: '0' }).seedDemoUsers).toBe(false);
    expect(() => loadConfig({ SEED_DEMO_USERS: 'si' })).toThrow(/SEED_DEMO_USERS/);
  });

  it('starts demo instances with DEMO_INSTANCES=1 (or true), never with 0, and otherwise on a first start outside production', () => {
    expect(loadConfig({}).demoInstances).toBe('first-start');
    expect(loadConfig({ NODE_ENV: 'production' }).demoInstances).toBe(false);
    expect(loadConfig({ DEMO_INSTANCES: '1' }).demoInstances).toBe(true);
    expect(loadConfig({ DEMO_INSTANCES: 'true' }).demoInstances).toBe(true);
    expect(loadConfig({ DEMO_INSTANCES: '0' }).demoInstances).toBe(false);
  });
});

describe('loadConfig: gRPC compression', () => {
  it('invites compressed requests only with ENGINE_GRPC_COMPRESSION=true, and names the variable on a bad value', () => {
    expect(loadConfig({}).grpcCompression).toBe(false);
    expect(loadConfig({ ENGINE_GRPC_COMPRESSION: 'true' }).grpcCompression).toBe(true);
    expect(() => loadConfig({ ENGINE_GRPC_COMPRESSION: 'gzip' })).toThrow(/ENGINE_GRPC_COMPRESSION/);
  });
});

describe('loadConfig: sign-in hardening', () => {
  it('trusts no proxy by default; TRUST_PROXY=true is one hop, a number is that many', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/);
  });

  it('locks after 10 failures per account and 100 per address for 15 minutes unless told otherwise', () => {
    expect(loadConfig({}).signIn).toEqual({ accountFailures: 10, addressFailures: 100, windowSeconds: 900, lockoutSeconds: 900 });
    expect(loadConfig({ SIGN_IN_MAX_FAILURES: '5', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '50', SIGN_IN_LOCKOUT_MINUTES: '30' }).signIn).toMatchObject({ accountFailures: 5, addressFailures: 50, lockoutSeconds: 1800 });
    expect(() => loadConfig({ SIGN_IN_MAX_FAILURES: '0' })).toThrow(/SIGN_IN_MAX_FAILURES must be a positive integer/);
  });

  it('is in production mode (Secure cookie, HSTS) only with NODE_ENV=production', () => {
    expect(loadConfig({}).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
  });
});

describe('engine protection settings', () => {
  it('asks for credentials and locks the clock unless told otherwise, and refuses unknown values', () => {
    expect(loadConfig({})).toMatchObject({ engineAuth: 'credentials', clockControlled: false });
    expect(loadConfig({ ENGINE_AUTH: 'none', ZEEBE_CLOCK_CONTROLLED: 'true' })).toMatchObject({ engineAuth: 'none', clockControlled: true });
    expect(() => loadConfig({ ENGINE_AUTH: 'off' })).toThrow("ENGINE_AUTH must be 'credentials' or 'none', got 'off'");
    expect(() => loadConfig({ ZEEBE_CLOCK_CONTROLLED: 'maybe' })).toThrow('ZEEBE_CLOCK_CONTROLLED must be true or false');
  });
});

describe('loadConfig: audit anchors', () => {
  it('anchors every ten minutes without a TSA by default', () => {
    expect(loadConfig({}).auditAnchors).toEqual({ intervalMs: 600_000 });
  });

  it('reads AUDIT_ANCHOR_INTERVAL_MS and AUDIT_TSA_URL', () => {
    expect(loadConfig({ AUDIT_ANCHOR_INTERVAL_MS: '60000', AUDIT_TSA_URL: 'https://tsa.example.it/tsp' }).auditAnchors).toEqual({
      intervalMs: 60_000,
      tsaUrl: 'https://tsa.example.it/tsp',
    });
  });

  it('refuses an interval that is not a whole number of at least a second, and a TSA that is not a URL', () => {
    expect(() => loadConfig({ AUDIT_ANCHOR_INTERVAL_MS: '10m' })).toThrow("AUDIT_ANCHOR_INTERVAL_MS must be a whole number of milliseconds, at least 1000, got '10m'");
    expect(() => loadConfig({ AUDIT_ANCHOR_INTERVAL_MS: '500' })).toThrow('at least 1000');
    expect(() => loadConfig({ AUDIT_TSA_URL: 'tsa.example.it' })).toThrow("AUDIT_TSA_URL must be an http(s) URL, got 'tsa.example.it'");
  });
});

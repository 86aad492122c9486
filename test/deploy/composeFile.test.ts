import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/childProcess.js';
import { COMPOSE_PATH, environmentOf, imageTag, interpolateDefaults, loadComposeFile, requiredVariables, type ComposeFile, type ComposeService } from './support/composeFile.js';

/** docker-compose.yml checked without a container engine: the Compose Specification, then our own rules. */
const compose = loadComposeFile();
const services = Object.entries(compose.services);
const APP_SERVICES = ['app', 'workers'] as const;
/** Entry points the compose file runs that another issue delivers; each is checked once it exists. */
const AWAITED_ENTRY_POINTS: Record<string, string> = {};
/** Variables of src/config.ts a service may leave unset, and why. */
const UNSET_ALLOWED: Record<(typeof APP_SERVICES)[number], Record<string, string>> = {
  app: {
    SMTP_USER: 'Mailpit asks for no credentials',
    SMTP_PASS: 'Mailpit asks for no credentials',
    ENGINE_GRPC_COMPRESSION: 'only the embedded engine reads it; compose runs Camunda itself',
    SEED_DEMO_USERS: 'no demo accounts unless asked (SEED_DEMO_USERS=true in .env)',
    TRUST_PROXY: 'no reverse proxy in front by default (set TRUST_PROXY=1 behind one)',
    SIGN_IN_MAX_FAILURES: 'src/config.ts default (10) unless set in .env',
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: 'src/config.ts default (100) unless set in .env',
    SIGN_IN_LOCKOUT_MINUTES: 'src/config.ts default (15) unless set in .env',
    MAIL_CATCHER_PORT: 'Mailpit catches the mail; the local catcher never runs (SMTP_HOST is set)',
    ENGINE_AUTH: 'only the embedded engine reads it; compose runs Camunda itself, protected with Basic',
    ZEEBE_CLOCK_CONTROLLED: 'only the embedded engine reads it; never set in a deployment',
    AUDIT_ANCHOR_INTERVAL_MS: 'src/config.ts default (ten minutes) unless set in .env',
    AUDIT_TSA_URL: 'no time-stamping authority unless one is set in .env',
    ENGINE_RETENTION: "only the embedded engine reads it (refused with ENGINE=external); Camunda's own data retention applies",
  },
  workers: {
    TRUST_PROXY: 'the workers serve no HTTP',
    SIGN_IN_MAX_FAILURES: 'the workers serve no sign-in',
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: 'the workers serve no sign-in',
    SIGN_IN_LOCKOUT_MINUTES: 'the workers serve no sign-in',
    MAIL_CATCHER_PORT: 'Mailpit catches the mail; the local catcher never runs (SMTP_HOST is set)',
    ENGINE_GRPC_COMPRESSION: 'only the embedded engine reads it; compose runs Camunda itself',
    SMTP_USER: 'Mailpit asks for no credentials',
    SMTP_PASS: 'Mailpit asks for no credentials',
    SEED_DEMO_USERS: 'only the app creates sign-ins',
    DEMO_INSTANCES: 'only the app (npm start) starts demo instances',
    ENGINE_AUTH: 'only the embedded engine reads it; compose runs Camunda itself, protected with Basic',
    ZEEBE_CLOCK_CONTROLLED: 'only the embedded engine reads it; never set in a deployment',
    AUDIT_ANCHOR_INTERVAL_MS: 'only the app anchors the audit trail',
    AUDIT_TSA_URL: 'only the app anchors the audit trail',
    ENGINE_RETENTION: "only the embedded engine reads it (refused with ENGINE=external); Camunda's own data retention applies",
  },
};

function validatorForComposeSpec() {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/deploy/compose-spec.json'), 'utf8')) as { $schema: string };
  const draft07 = JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules/ajv/dist/refs/json-schema-draft-07.json'), 'utf8')) as object;
  // The spec names its meta-schema by the https URL; Ajv knows draft-07 by its http id. Upstream writes the
  // schema for lenient draft-07 validators (union types, untyped additionalProperties), hence strict: false.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  return ajv.compile(schema);
}

/** Variables src/config.ts reads; a `??` chain (ZEEBE_GRPC_ADDRESS ?? ZEEBE_ADDRESS) is one setting. */
function configVariables(): string[][] {
  const source = readFileSync(path.join(REPO_ROOT, 'src/config.ts'), 'utf8');
  const groups: string[][] = [];
  for (const line of source.split('\n')) {
    const names = [...line.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]);
    if (names.length > 0 && !groups.some((g) => g.join() === names.join())) groups.push(names);
  }
  return groups.filter((group, i) => !groups.some((other, j) => j !== i && other.length > group.length && group.every((n) => other.includes(n))));
}

/** Every variable the Camunda SDK's configuration declares (its Configuration.js). */
function sdkVariables(): Set<string> {
  const source = readFileSync(path.join(REPO_ROOT, 'node_modules/@camunda8/sdk/dist/lib/Configuration.js'), 'utf8');
  return new Set([...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+): \{/gm)].map((m) => m[1]));
}

function namedVolumes(service: ComposeService): string[] {
  return (service.volumes ?? [])
    .map((v) => (typeof v === 'string' ? v.split(':')[0] : v.type === 'bind' ? '' : (v.source ?? '')))
    .filter((source) => source !== '' && !source.startsWith('.') && !source.startsWith('/'));
}

describe('docker-compose.yml against the Compose Specification', () => {
  const validate = validatorForComposeSpec();

  it('is valid', () => {
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is valid after interpolation with the defaults, as Compose validates it', () => {
    const interpolated = loadComposeFile(interpolateDefaults(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8')));
    expect(validate(interpolated), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('catches a mistake (the validator is not a no-op)', () => {
    // given: a misspelt service attribute
    const broken = structuredClone(compose) as ComposeFile;
    (broken.services.app as Record<string, unknown>).healtcheck = { test: ['CMD', 'true'] };

    // then
    expect(validate(broken)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('healtcheck');
  });
});

describe('docker-compose.yml: images', () => {
  it('pins every image to a version tag, never latest', () => {
    for (const [name, service] of services) {
      expect(service.image, name).toBeDefined();
      const tag = imageTag(service.image as string);
      expect(tag, `${name}: ${service.image}`).toMatch(/\d/);
      expect(tag, name).not.toMatch(/latest/i);
    }
  });

  it("runs Camunda's 8.9 orchestration image, with gRPC 26500, REST 8080 and management 9600 on the compose network only", () => {
    const orchestration = compose.services.orchestration as ComposeService & { expose?: string[] };
    expect(orchestration.image).toMatch(/^camunda\/camunda:8\.9\.\d+$/);
    expect(orchestration.ports).toBeUndefined();
    expect(orchestration.expose).toEqual(['26500', '8080', '9600']);
  });

  it('configures H2 as the secondary storage, as the lightweight quickstart does', () => {
    const mounted = (compose.services.orchestration.configs ?? []).map((c) => (typeof c === 'string' ? c : c.source));
    expect(mounted).toHaveLength(1);
    const config = yaml.load(compose.configs?.[mounted[0]]?.content ?? '') as {
      camunda: { data: { 'secondary-storage': { type: string; rdbms: { url: string } } }; security: { authentication: { method: string } } };
    };
    expect(config.camunda.data['secondary-storage'].type).toBe('rdbms');
    expect(config.camunda.data['secondary-storage'].rdbms.url).toMatch(/^jdbc:h2:file:\.\/camunda-data\//);
    expect(config.camunda.security.authentication.method).toBe('basic');
  });

  it('builds the app and the workers from the Dockerfile runtime stage, as one image', () => {
    for (const name of APP_SERVICES) {
      expect(compose.services[name].build, name).toMatchObject({ context: '.', dockerfile: 'Dockerfile', target: 'runtime' });
      expect(compose.services[name].image).toBe(compose.services.app.image);
    }
  });
});

describe('docker-compose.yml: the app and the workers', () => {
  it('sets every variable src/config.ts reads, for both', () => {
    const groups = configVariables();
    expect(groups.flat()).toEqual(expect.arrayContaining(['ENGINE', 'ZEEBE_GRPC_ADDRESS', 'ZEEBE_REST_ADDRESS', 'PORT', 'DATA_DIR', 'DATABASE_URL']));
    for (const name of APP_SERVICES) {
      const env = environmentOf(compose.services[name]);
      for (const group of groups) {
        if (group.every((variable) => variable in UNSET_ALLOWED[name])) continue;
        expect(group.some((variable) => env[variable]), `${name} sets one of ${group.join(' / ')}`).toBe(true);
      }
    }
  });

  it('uses the external cluster with the Camunda SDK variable names, spelt as the SDK declares them', () => {
    const known = sdkVariables();
    expect(known.has('ZEEBE_GRPC_ADDRESS') && known.has('CAMUNDA_AUTH_STRATEGY')).toBe(true);
    for (const name of APP_SERVICES) {
      const env = environmentOf(compose.services[name]);
      expect(env.ENGINE, name).toBe('external');
      expect(env.ZEEBE_GRPC_ADDRESS, name).toBe('grpc://orchestration:26500');
      expect(env.ZEEBE_REST_ADDRESS, name).toBe('http://orchestration:8080');
      expect(['NONE', 'BASIC', 'OAUTH', 'BEARER', 'COOKIE']).toContain(env.CAMUNDA_AUTH_STRATEGY);
      const misspelt = Object.keys(env).filter((v) => /^(CAMUNDA|ZEEBE)_/.test(v) && !known.has(v));
      expect(misspelt, name).toEqual([]);
    }
  });

  it('keeps the app data in the PostgreSQL service, with its credentials', () => {
    const pg = environmentOf(compose.services.postgres);
    for (const name of APP_SERVICES) {
      const url = new URL(environmentOf(compose.services[name]).DATABASE_URL);
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('postgres');
      expect([url.username, url.password, url.pathname]).toEqual([pg.POSTGRES_USER, pg.POSTGRES_PASSWORD, `/${pg.POSTGRES_DB}`]);
    }
  });

  it('lets the workers scale: no container name and no published port', () => {
    expect(compose.services.workers.container_name).toBeUndefined();
    expect(compose.services.workers.ports).toBeUndefined();
    for (const [name, service] of services) expect(service.container_name, name).toBeUndefined();
  });

  it('waits for the cluster and the database before starting', () => {
    for (const name of APP_SERVICES) {
      expect(compose.services[name].depends_on, name).toMatchObject({
        orchestration: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
    }
  });

  it('runs entry points that exist in the repository', () => {
    const entries = services.flatMap(([, s]) => (Array.isArray(s.command) ? s.command : [])).filter((arg) => /\.ts$/.test(arg));
    expect(entries).toContain('workers/main.ts');
    const missing = entries.filter((file) => !existsSync(path.join(REPO_ROOT, file)) && !(file in AWAITED_ENTRY_POINTS));
    expect(missing).toEqual([]);
  });

  it('creates no demo sign-ins unless asked (SEED_DEMO_USERS in .env), and never in the workers', () => {
    expect(environmentOf(compose.services.app).SEED_DEMO_USERS).toBe('');
    expect(compose.services.app.environment).toMatchObject({ SEED_DEMO_USERS: '${SEED_DEMO_USERS:-}' });
    expect(environmentOf(compose.services.workers).SEED_DEMO_USERS).toBeUndefined();
  });

  it('has an SMTP catcher reachable as SMTP_HOST', () => {
    const env = environmentOf(compose.services.workers);
    expect(compose.services[env.SMTP_HOST]?.image).toMatch(/mailpit|mailhog/);
  });
});

describe('docker-compose.yml: state and health', () => {
  it('gives every long-running service a health check', () => {
    for (const [name, service] of services) {
      if (service.restart === 'no') continue;
      expect(service.healthcheck?.test, name).toBeDefined();
      expect(service.healthcheck?.disable, name).not.toBe(true);
    }
  });

  it("checks the app through GET /api/health on the app's own port", () => {
    const test = compose.services.app.healthcheck?.test as string[];
    expect(test.join(' ')).toContain(`http://127.0.0.1:${environmentOf(compose.services.app).PORT}/api/health`);
  });

  it('keeps state in declared named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const name of ['orchestration', 'postgres', 'app', 'workers']) {
      const used = namedVolumes(compose.services[name]);
      expect(used.length, name).toBeGreaterThan(0);
      for (const volume of used) expect(declared, `${name} uses ${volume}`).toContain(volume);
    }
    expect(namedVolumes(compose.services.postgres)).toEqual(['postgres-data']);
  });

  it('prints where to sign in once the app is healthy', () => {
    const signin = compose.services.signin;
    expect(signin.depends_on).toMatchObject({ app: { condition: 'service_healthy' } });
    expect((signin.command as string[]).join(' ')).toMatch(/http:\/\/localhost:\$\{APP_PORT:-3000\}/);
  });
});

describe('docker-compose.yml: safe defaults (issue 13)', () => {
  const text = readFileSync(COMPOSE_PATH, 'utf8');
  const published = (service: ComposeService) => (service.ports ?? []).map((p) => (typeof p === 'string' ? interpolateDefaults(p) : `${p.published}:${p.target}`));

  it('publishes only the web app and the mail UI, and both on 127.0.0.1 by default', () => {
    const publishing = services.filter(([, s]) => (s.ports ?? []).length > 0).map(([name]) => name).sort();
    expect(publishing).toEqual(['app', 'mailpit']);
    expect(published(compose.services.app)).toEqual(['127.0.0.1:3000:3000']);
    expect(published(compose.services.mailpit)).toEqual(['127.0.0.1:8025:8025']);
  });

  it('protects the Camunda API with Basic authentication, with no published password', () => {
    // given
    const mounted = (compose.services.orchestration.configs ?? []).map((c) => (typeof c === 'string' ? c : c.source));
    const content = compose.configs?.[mounted[0]]?.content ?? '';
    const config = yaml.load(interpolateDefaults(content)) as {
      camunda: { security: { authentication: { method: string; unprotectedApi: boolean }; initialization: { users: Array<{ username: string; password: string }>; 'defaultRoles.admin.users': string[] } } };
    };

    // then
    const security = config.camunda.security;
    expect(security.authentication).toMatchObject({ method: 'basic', unprotectedApi: false });
    expect(security.initialization.users.map((u) => u.username)).toEqual(['hr-app']);
    expect(security.initialization['defaultRoles.admin.users']).toEqual(['hr-app']);
    expect(text).not.toMatch(/password:\s*"?demo"?\s*$/m);
    expect(requiredVariables(content)).toEqual(['CAMUNDA_BASIC_AUTH_PASSWORD']);
  });

  it('has the app and the workers connect with those credentials (CAMUNDA_AUTH_STRATEGY=BASIC)', () => {
    for (const name of APP_SERVICES) {
      const raw = compose.services[name].environment as Record<string, string>;
      expect(raw.CAMUNDA_AUTH_STRATEGY, name).toBe('BASIC');
      expect(raw.CAMUNDA_BASIC_AUTH_USERNAME, name).toBe('${CAMUNDA_BASIC_AUTH_USERNAME:-hr-app}');
      expect(requiredVariables(raw.CAMUNDA_BASIC_AUTH_PASSWORD), name).toEqual(['CAMUNDA_BASIC_AUTH_PASSWORD']);
    }
  });

  it('lets the operator pass TRUST_PROXY to the app from .env', () => {
    expect((compose.services.app.environment as Record<string, string>).TRUST_PROXY).toBe('${TRUST_PROXY:-}');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { REPO_ROOT } from './childProcess.js';

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  command?: string[] | string;
  container_name?: string;
  ports?: Array<string | { target: number; published?: string | number }>;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  configs?: Array<string | { source: string; target?: string }>;
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { content?: string; file?: string }>;
  [key: string]: unknown;
}

export const COMPOSE_PATH = path.join(REPO_ROOT, 'docker-compose.yml');

/**
 * The compose file as Compose reads it: YAML with merge keys (`<<: *anchor`, which Compose supports), and
 * `${VAR:-default}` interpolated with the defaults, as on a machine where none of those variables is set.
 */
export function loadComposeFile(text = readFileSync(COMPOSE_PATH, 'utf8')): ComposeFile {
  return yaml.load(text, { schema: yaml.YAML11_SCHEMA }) as ComposeFile;
}

export function interpolateDefaults(value: string): string {
  // `${VAR:?message}` is a required variable without a default: empty here (Compose would refuse to start)
  return value.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*)|:?\?[^}]*)?\}/g, (_, _name: string, fallback?: string) => fallback ?? '');
}

/** The variables a text requires (`${VAR:?message}`): Compose refuses to start until they are set. */
export function requiredVariables(value: string): string[] {
  return [...new Set([...value.matchAll(/\$\{([A-Z0-9_]+):?\?[^}]*\}/g)].map((m) => m[1]))];
}

/** A service's environment as name -> value, whichever of the two Compose syntaxes it uses. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)] as const)
    : Object.entries(env).map(([name, value]) => [name, value === null ? '' : String(value)] as const);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolateDefaults(value)]));
}

/** `name:tag` of an image reference (registry host and digest tolerated). */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.split('/').at(-1) as string;
  return lastSegment.includes(':') ? lastSegment.split(':')[1] : undefined;
}

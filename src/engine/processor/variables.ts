import { evaluateExpression, type JsonValue, type Variables } from '../feel/feel.js';
import type { Mapping } from '../model/types.js';
import type { Key, VariableRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { stringifyExactJson } from '../exactJson.js';

/** Scope chain from the given scope up to the process instance (the root scope). */
export async function scopeChain(ctx: ProcessingContext, scopeKey: Key): Promise<Key[]> {
  const chain: Key[] = [];
  let current = await ctx.instance(scopeKey);
  while (current) {
    chain.push(current.key);
    current = current.flow_scope_key === null ? undefined : await ctx.instance(current.flow_scope_key);
  }
  if (chain.length === 0) chain.push(scopeKey);
  return chain;
}

/** All variables visible from a scope; an inner variable hides an outer one of the same name. */
export async function visibleVariables(ctx: ProcessingContext, scopeKey: Key): Promise<Variables> {
  const chain = await scopeChain(ctx, scopeKey);
  const rows = await ctx.batch.find('variables', { scope_key: chain });
  const depth = new Map(chain.map((key, index) => [key, index]));
  rows.sort((a, b) => (depth.get(b.scope_key) ?? 0) - (depth.get(a.scope_key) ?? 0));
  const variables: Variables = {};
  for (const row of rows) variables[row.name] = row.value;
  return variables;
}

export async function localVariables(ctx: ProcessingContext, scopeKey: Key): Promise<Variables> {
  const variables: Variables = {};
  for (const row of await ctx.batch.find('variables', { scope_key: scopeKey })) variables[row.name] = row.value;
  return variables;
}

function writeVariable(ctx: ProcessingContext, existing: VariableRow | undefined, scopeKey: Key, processInstanceKey: Key, tenantId: string, name: string, value: JsonValue): void {
  if (existing) {
    if (stringifyExactJson(existing.value) === stringifyExactJson(value)) return;
    ctx.batch.put('variables', { ...existing, value });
    ctx.event('VARIABLE', 'UPDATED', existing.key, { name, value: stringifyExactJson(value), scopeKey, processInstanceKey }, processInstanceKey);
    return;
  }
  const key = ctx.key();
  ctx.batch.put('variables', { key, scope_key: scopeKey, process_instance_key: processInstanceKey, name, value, tenant_id: tenantId });
  ctx.event('VARIABLE', 'CREATED', key, { name, value: stringifyExactJson(value), scopeKey, processInstanceKey }, processInstanceKey);
}

/** Sets variables exactly on one scope (input mappings, SetVariables local=true). */
export async function setLocalVariables(ctx: ProcessingContext, scopeKey: Key, processInstanceKey: Key, variables: Variables, tenantId = '<default>'): Promise<void> {
  const names = Object.keys(variables);
  if (names.length === 0) return;
  const existing = await ctx.batch.find('variables', { scope_key: scopeKey, name: names });
  const byName = new Map(existing.map((row) => [row.name, row]));
  for (const name of names) writeVariable(ctx, byName.get(name), scopeKey, processInstanceKey, tenantId, name, variables[name]);
}

/**
 * Zeebe's propagation: each variable updates the first scope, walking up from `scopeKey`, that
 * already holds the name; otherwise it is created at the root (the process instance).
 */
export async function propagateVariables(ctx: ProcessingContext, scopeKey: Key, processInstanceKey: Key, variables: Variables, tenantId = '<default>'): Promise<void> {
  const names = Object.keys(variables);
  if (names.length === 0) return;
  const chain = await scopeChain(ctx, scopeKey);
  const rows = await ctx.batch.find('variables', { scope_key: chain, name: names });
  const depth = new Map(chain.map((key, index) => [key, index]));
  const nearest = new Map<string, VariableRow>();
  for (const row of rows) {
    const current = nearest.get(row.name);
    if (!current || (depth.get(row.scope_key) ?? 0) < (depth.get(current.scope_key) ?? 0)) nearest.set(row.name, row);
  }
  const root = chain[chain.length - 1];
  for (const name of names) {
    const existing = nearest.get(name);
    writeVariable(ctx, existing, existing ? existing.scope_key : root, processInstanceKey, tenantId, name, variables[name]);
  }
}

/** Sets `a.b.c = value` inside the variables object, creating contexts along the path. */
function assignPath(target: Variables, path: string, value: JsonValue, current: Variables): void {
  const parts = path.split('.');
  if (parts.length === 1) {
    target[path] = value;
    return;
  }
  const [head, ...rest] = parts;
  const base = target[head] ?? current[head];
  const copy: Record<string, JsonValue> = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base } : {};
  let cursor = copy;
  for (const part of rest.slice(0, -1)) {
    const next = cursor[part];
    cursor[part] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
    cursor = cursor[part] as Record<string, JsonValue>;
  }
  cursor[rest[rest.length - 1]] = value;
  target[head] = copy;
}

/** Evaluates input or output mappings in order; a later mapping sees the earlier ones. Throws ExpressionError. */
export function applyMappings(mappings: Mapping[], context: Variables): Variables {
  const result: Variables = {};
  for (const mapping of mappings) {
    // A source without `=` is a static value, as Zeebe reads it; an empty one gives null.
    const value = mapping.source.trim() === '' ? null : evaluateExpression(mapping.source, { ...context, ...result });
    assignPath(result, mapping.target, value, context);
  }
  return result;
}

/**
 * Follows a server-sent event stream of a snapshot and its patches, and hands the whole current
 * state to `onState` after each change. A patch section is `{ replace }` or, for lists keyed by
 * elementId, `{ upsert, remove }`.
 */
type State = Record<string, unknown>;
type Patch = Record<string, { replace?: unknown; upsert?: Array<{ elementId: string }>; remove?: string[] }>;

export function followLive<T extends object>(url: string, onState: (state: T) => void, onConnection?: (ok: boolean) => void): () => void {
  const source = new EventSource(url, { withCredentials: true });
  let state: State | undefined;
  source.addEventListener('snapshot', (e) => {
    state = JSON.parse((e as MessageEvent<string>).data) as State;
    onConnection?.(true);
    onState(state as T);
  });
  source.addEventListener('patch', (e) => {
    if (!state) return;
    state = applyPatch(state, JSON.parse((e as MessageEvent<string>).data) as Patch);
    onConnection?.(true);
    onState(state as T);
  });
  source.addEventListener('problem', () => onConnection?.(false));
  source.onerror = () => onConnection?.(false);
  return () => source.close();
}

export function applyPatch(state: State, patch: Patch): State {
  const next: State = { ...state };
  for (const [section, change] of Object.entries(patch)) {
    if ('replace' in change) next[section] = change.replace;
    else {
      const removed = new Set(change.remove ?? []);
      const upserts = new Map((change.upsert ?? []).map((r) => [r.elementId, r]));
      const old = ((state[section] as Array<{ elementId: string }>) ?? []).filter((r) => !removed.has(r.elementId));
      const merged = old.map((r) => upserts.get(r.elementId) ?? r);
      for (const [id, r] of upserts) if (!old.some((o) => o.elementId === id)) merged.push(r);
      next[section] = merged;
    }
  }
  return next;
}

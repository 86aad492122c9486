import { PassThrough } from 'node:stream';
import type { AppContext } from '../AppState.js';

export type Snapshot = Record<string, unknown>;

export interface LiveFeedOptions {
  /** how often the engine is polled for each open stream */
  intervalMs?: number;
  /** a comment line keeps proxies from closing an idle stream */
  heartbeatMs?: number;
}

/**
 * Server-Sent Events for live status. The server polls the engine's REST API while a browser
 * listens, and sends a full `snapshot` first, then `patch` events with only what changed.
 */
export class LiveFeed {
  private readonly intervalMs: number;
  private readonly heartbeatMs: number;
  private readonly open = new Set<() => void>();

  constructor(options: LiveFeedOptions = {}) {
    this.intervalMs = options.intervalMs ?? 500;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
  }

  /** Answers the request with an event stream fed by `load` until the client goes away. */
  stream(ctx: AppContext, load: () => Promise<Snapshot>): void {
    const out = new PassThrough();
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.set({ 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    ctx.type = 'text/event-stream';
    ctx.status = 200;
    ctx.body = out;

    let previous: Snapshot | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let lastWrite = Date.now();
    const write = (text: string) => {
      lastWrite = Date.now();
      out.write(text);
    };
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      this.open.delete(stop);
      out.end();
    };
    this.open.add(stop);
    ctx.req.on('close', stop);
    out.on('close', stop);

    const tick = async () => {
      if (stopped) return;
      try {
        const next = await load();
        if (stopped) return;
        if (!previous) write(event('snapshot', next));
        else {
          const patch = diffSnapshots(previous, next);
          if (patch) write(event('patch', patch));
          else if (Date.now() - lastWrite > this.heartbeatMs) write(': keep-alive\n\n');
        }
        previous = next;
      } catch (error) {
        // The engine may be briefly unreachable; tell the page, keep trying.
        write(event('problem', { detail: 'Stato non disponibile, nuovo tentativo in corso.' }));
        void error;
      }
      if (!stopped) timer = setTimeout(() => void tick(), this.intervalMs);
    };
    write('retry: 2000\n\n');
    void tick();
  }

  /** Ends every open stream (server shutdown). */
  closeAll(): void {
    for (const stop of [...this.open]) stop();
  }
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The sections of `next` that differ from `previous`. Sections that are lists of records with an
 * `elementId` are diffed per element (`{ upsert, remove }`), so a moving token sends one row.
 */
export function diffSnapshots(previous: Snapshot, next: Snapshot): Snapshot | undefined {
  const patch: Snapshot = {};
  for (const [section, value] of Object.entries(next)) {
    const before = previous[section];
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    if (isElementList(before) && isElementList(value)) {
      const old = new Map(before.map((r) => [r.elementId, JSON.stringify(r)]));
      const ids = new Set(value.map((r) => r.elementId));
      patch[section] = {
        upsert: value.filter((r) => old.get(r.elementId) !== JSON.stringify(r)),
        remove: [...old.keys()].filter((id) => !ids.has(id)),
      };
    } else {
      patch[section] = { replace: value };
    }
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

function isElementList(value: unknown): value is Array<{ elementId: string }> {
  return Array.isArray(value) && value.every((r) => r && typeof r === 'object' && typeof (r as { elementId?: unknown }).elementId === 'string');
}

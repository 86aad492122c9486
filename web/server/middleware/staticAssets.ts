import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Middleware } from 'koa';
import type { AppState } from '../AppState.js';

/**
 * Serves the Vite build (index.html and hashed assets). Any other GET outside /api answers with
 * index.html, so the client's routes survive a reload.
 */
export function staticAssets(root: string): Middleware<AppState> {
  const base = path.resolve(root);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    const file = path.join(base, path.normalize(relative));
    if (!file.startsWith(base + path.sep) && file !== base) return next();
    const found = (await fileAt(file)) ?? (path.extname(relative) ? undefined : await fileAt(path.join(base, 'index.html')));
    if (!found) return next();
    ctx.type = path.extname(found) || 'application/octet-stream';
    ctx.length = (await stat(found)).size;
    // Vite names assets by content hash: cache them for good, never the page itself.
    ctx.set('Cache-Control', found.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.body = createReadStream(found); // Koa sends no body for HEAD
  };
}

async function fileAt(file: string): Promise<string | undefined> {
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

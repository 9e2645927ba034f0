import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { Middleware } from "koa";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves files under `dir` at `prefix` (GET and HEAD only): the widget bundle, and in the demo
 * the host example. A path that resolves outside `dir` is simply not found.
 */
export function staticFiles(prefix: string, dir: string, options: { htmlHeaders?: Record<string, string> } = {}): Middleware {
  const root = resolve(dir);
  const base = prefix.endsWith("/") ? prefix : prefix + "/";
  return async (ctx, next) => {
    if ((ctx.method !== "GET" && ctx.method !== "HEAD") || !(ctx.path === prefix || ctx.path.startsWith(base))) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path.slice(base.length - 1));
    } catch {
      return next();
    }
    let file = resolve(join(root, relative));
    if (file !== root && !file.startsWith(root + sep)) return next();
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, "index.html");
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return next();
    ctx.type = types[extname(file)] ?? "application/octet-stream";
    if (extname(file) === ".html") for (const [name, value] of Object.entries(options.htmlHeaders ?? {})) ctx.set(name, value);
    ctx.length = info.size;
    ctx.set("Cache-Control", "no-cache");
    ctx.set("Last-Modified", info.mtime.toUTCString());
    // A revalidation of an unchanged file (If-Modified-Since) costs a 304, not the file again.
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = ctx.method === "HEAD" ? null : createReadStream(file);
  };
}

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { Middleware } from "koa";
import type { DependencyContainer } from "tsyringe";

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

/** What a page renderer gets besides the page's file: the core's container and the request's query. */
export interface HtmlRenderContext {
  container: DependencyContainer;
  query: URLSearchParams;
}

/** Turns an HTML file (a template) into the page to send: the demo's host site, rendered when served. */
export type HtmlRenderer = (file: string, context: HtmlRenderContext) => Promise<string>;

/** A directory the core serves as static files; `render` makes its `.html` files templates. */
export interface StaticDir {
  prefix: string;
  dir: string;
  htmlHeaders?: Record<string, string>;
  render?: HtmlRenderer;
}

/**
 * Serves files under `dir` at `prefix` (GET and HEAD only): the widget bundle, and in the demo
 * the host example. A path that resolves outside `dir` is simply not found. With `render`, an
 * `.html` file is a template: what `render` makes of it is sent, never cached (`no-store`).
 */
export function staticFiles(
  prefix: string,
  dir: string,
  options: { htmlHeaders?: Record<string, string>; render?: (file: string, query: URLSearchParams) => Promise<string> } = {},
): Middleware {
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
    if (options.render && extname(file) === ".html") {
      const page = await options.render(file, new URLSearchParams(ctx.querystring));
      ctx.set("Cache-Control", "no-store");
      ctx.status = 200;
      ctx.body = ctx.method === "HEAD" ? null : page;
      return;
    }
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

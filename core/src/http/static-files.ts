import { createReadStream } from "node:fs";
import type { Stats } from "node:fs";
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

/** The encodings a build may leave beside a file (`chunk.js.br`, `chunk.js.gz`), best first. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** A sibling `file + suffix` that is at least as new as `file` (an older one is stale: not used). */
async function precompressed(file: string, suffix: string, original: Stats): Promise<Stats | null> {
  const info = await stat(file + suffix).catch(() => null);
  return info?.isFile() && info.mtimeMs >= original.mtimeMs ? info : null;
}

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
 *
 * A file the build precompressed (`x.js.br`, `x.js.gz` beside `x.js`) is sent in the best
 * encoding the request accepts (`Content-Encoding`, `Vary: Accept-Encoding`); each answer
 * carries validators (`ETag` per encoding, `Last-Modified`), so a revalidation costs a 304.
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
    let sent = { file, info, encoding: "identity" };
    const offered: { name: string; file: string; info: Stats }[] = [];
    for (const { name, suffix } of ENCODINGS) {
      const found = await precompressed(file, suffix, info);
      if (found) offered.push({ name, file: file + suffix, info: found });
    }
    if (offered.length > 0) {
      ctx.vary("Accept-Encoding");
      // The smallest the request accepts at all: browsers list gzip before br, at equal weight.
      const encoded = offered.find((o) => ctx.acceptsEncodings(o.name) === o.name);
      if (encoded) {
        sent = { file: encoded.file, info: encoded.info, encoding: encoded.name };
        ctx.set("Content-Encoding", encoded.name);
      }
    }
    ctx.length = sent.info.size;
    ctx.set("Cache-Control", "no-cache");
    ctx.set("Last-Modified", info.mtime.toUTCString());
    // Strong, and distinct per encoding: the bytes differ, so must the tag.
    ctx.etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}${sent.encoding === "identity" ? "" : "-" + sent.encoding}"`;
    // A revalidation of an unchanged file (If-None-Match, If-Modified-Since) costs a 304, not the file again.
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = ctx.method === "HEAD" ? null : createReadStream(sent.file);
  };
}

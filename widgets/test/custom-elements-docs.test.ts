/// <reference types="node" />
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// docs/widgets.md against the custom elements manifest the build generates from the components'
// JSDoc (@custom-elements-manifest/analyzer, widgets/custom-elements-manifest.config.mjs): every
// element, its public attributes and its events are documented, and the page documents no
// element, attribute or event that does not exist.

const widgetsDir = join(import.meta.dirname, "..");
const docs = readFileSync(join(widgetsDir, "..", "docs", "widgets.md"), "utf8");

interface Declaration {
  tagName: string;
  attributes?: { name: string; inheritedFrom?: { name: string } }[];
  events?: { name: string }[];
}
let elements: Declaration[] = [];
let outDir = "";

beforeAll(() => {
  // Generated now, from the sources as they are, with the build's own configuration (the
  // analyzer takes its output folder relative to where it runs).
  outDir = mkdtempSync(join(tmpdir(), "cabinet-cem-"));
  execFileSync(
    process.execPath,
    [
      join(widgetsDir, "..", "node_modules", "@custom-elements-manifest", "analyzer", "cem.js"),
      "analyze",
      "--config",
      "custom-elements-manifest.config.mjs",
      "--outdir",
      relative(widgetsDir, outDir),
    ],
    {
      cwd: widgetsDir,
      stdio: "pipe",
    },
  );
  const manifest = JSON.parse(readFileSync(join(outDir, "custom-elements.json"), "utf8")) as { modules: { declarations?: Declaration[] }[] };
  elements = manifest.modules.flatMap((m) => m.declarations ?? []);
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The page split at its headings: level, heading text, and the text up to the next heading. */
const sections = (() => {
  const out: { level: number; heading: string; intro: string; start: number }[] = [];
  const lines = docs.split("\n");
  let fenced = false;
  lines.forEach((line, i) => {
    if (line.startsWith("```")) fenced = !fenced;
    const match = !fenced && /^(#{1,6})\s+(.*)$/.exec(line);
    if (match) out.push({ level: match[1].length, heading: match[2], intro: "", start: i });
    else if (out.length > 0) out[out.length - 1].intro += line + "\n";
  });
  return out;
})();

/**
 * What the page says of `<tag>`: the sections whose heading names it (their subsections too),
 * what their parent sections say before their own subsections (a family's shared events), and
 * any paragraph that starts with it.
 */
function docsOf(tag: string): string {
  const parts: string[] = [];
  sections.forEach((section, i) => {
    if (!section.heading.includes(`<${tag}>`)) return;
    // Its subsections, but not those of another element (a heading naming two: each its own).
    let skipBelow = Infinity;
    for (let j = i + 1; j < sections.length && sections[j].level > section.level; j++) {
      if (sections[j].level <= skipBelow) skipBelow = Infinity;
      if (skipBelow !== Infinity) continue;
      if (/<cab-[a-z-]+>/.test(sections[j].heading) && !sections[j].heading.includes(`<${tag}>`)) {
        skipBelow = sections[j].level;
        continue;
      }
      parts.push(sections[j].intro);
    }
    parts.push(section.intro);
    let level = section.level;
    for (let k = i - 1; k >= 0; k--) {
      if (sections[k].level < level) {
        parts.push(sections[k].intro);
        level = sections[k].level;
      }
    }
  });
  for (const paragraph of docs.split(/\n\s*\n/)) if (paragraph.trimStart().startsWith(`\`<${tag}>\``)) parts.push(paragraph);
  return parts.join("\n");
}

const code = (name: string) => `\`${name}\``;
const isEvent = (name: string) => /^[a-z]+(-[a-z]+)+$/.test(name);
const eventsOf = (element: Declaration) => (element.events ?? []).map((e) => e.name).filter(isEvent);

/** Attribute names in the rows of `| attribute | … |` tables and in `| attributes | \`x\` — … |` rows. */
function documentedAttributes(text: string): string[] {
  const names: string[] = [];
  let inTable = false;
  for (const line of text.split("\n")) {
    if (/^\|\s*attribute\s*\|/.test(line)) inTable = true;
    else if (!line.startsWith("|")) inTable = false;
    else if (inTable && !/^\|\s*-/.test(line)) {
      const first = /^\|\s*`([a-z-]+)`/.exec(line);
      if (first) names.push(first[1]);
    }
    const row = /^\|\s*attributes\s*\|(.*)\|\s*$/.exec(line);
    if (!row) continue;
    for (const item of row[1].split(";")) {
      const name = /^\s*`([a-z-]+)`/.exec(item)?.[1];
      if (name) names.push(name);
    }
  }
  return names;
}

describe("docs/widgets.md against custom-elements.json", () => {
  it("finds the widgets in the manifest, with their attributes and events", () => {
    const tags = elements.map((e) => e.tagName);
    expect(tags).toContain("cab-config");
    expect(tags).toContain("cab-balance");
    expect(tags.length).toBeGreaterThanOrEqual(19);
    const balance = elements.find((e) => e.tagName === "cab-balance")!;
    expect(eventsOf(balance)).toEqual(expect.arrayContaining(["cab-payment-started", "cab-payment-settled"]));
    expect(elements.find((e) => e.tagName === "cab-services")!.attributes!.map((a) => a.name)).toEqual(
      expect.arrayContaining(["page-size", "service-href", "locale"]),
    );
  });

  it("documents every element, each of its own attributes and events", () => {
    const missing: string[] = [];
    for (const element of elements) {
      const text = docsOf(element.tagName);
      if (!text.trim()) {
        missing.push(`<${element.tagName}>`);
        continue;
      }
      for (const attribute of element.attributes ?? []) {
        // Inherited ones (api-base, brand, auth, locale) are the configuration's, documented with <cab-config>.
        const where = attribute.inheritedFrom ? docsOf("cab-config") : text;
        if (!where.includes(code(attribute.name))) missing.push(`<${element.tagName}> attribute ${attribute.name}`);
      }
      for (const event of eventsOf(element)) if (!text.includes(code(event))) missing.push(`<${element.tagName}> event ${event}`);
    }
    expect(missing).toEqual([]);
  });

  it("documents no element, attribute or event that does not exist", () => {
    const tags = new Set(elements.map((e) => e.tagName));
    const events = new Set(elements.flatMap(eventsOf));
    const unknown: string[] = [];
    for (const [, tag] of docs.matchAll(/<(cab-[a-z-]+)[\s>]/g)) if (!tags.has(tag)) unknown.push(`<${tag}>`);
    for (const [, name] of docs.matchAll(/`(cab-[a-z]+(?:-[a-z]+)*)`/g)) if (!tags.has(name) && !events.has(name)) unknown.push(`event ${name}`);
    for (const element of elements) {
      const own = new Set((element.attributes ?? []).map((a) => a.name));
      for (const name of documentedAttributes(docsOf(element.tagName))) if (!own.has(name)) unknown.push(`<${element.tagName}> attribute ${name}`);
    }
    expect([...new Set(unknown)]).toEqual([]);
  });
});

/**
 * Renders a message's source — plain text or a small Markdown subset — to HTML that is safe to
 * put in a page. Everything is HTML-escaped first; only then are the few constructs below
 * turned into tags this function writes itself, so no tag, attribute or entity a client typed
 * can survive:
 *
 * - paragraphs (a blank line) and line breaks (a single newline);
 * - `**bold**`, `*italic*`, `` `code` `` and fenced code blocks (```` ``` ````);
 * - `- item` / `* item` and `1. item` lists (one level);
 * - links `[text](url)` to `http:`, `https:` and `mailto:` only; any other link stays text.
 *
 * @example
 * renderMessage("See **this**: [docs](https://example.org)");
 * // <p>See <strong>this</strong>: <a href="https://example.org" rel="nofollow noopener noreferrer" target="_blank">docs</a></p>
 */
export function renderMessage(source: string): string {
  const lines = normalize(source).split("\n");
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(`<p>${paragraph.map(inline).join("<br>")}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]); i++) code.push(lines[i]);
      blocks.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const kind = listKind(line);
    if (kind) {
      flush();
      const items: string[] = [];
      for (; i < lines.length && listKind(lines[i]) === kind; i++) items.push(`<li>${inline(lines[i].replace(LIST_MARKER, ""))}</li>`);
      i--;
      blocks.push(`<${kind}>${items.join("")}</${kind}>`);
      continue;
    }
    if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  return blocks.join("\n");
}

const FENCE = /^ {0,3}```/;
const BULLET = /^ {0,3}[-*+] +\S/;
const NUMBERED = /^ {0,3}\d{1,9}[.)] +\S/;
const LIST_MARKER = /^ {0,3}(?:[-*+]|\d{1,9}[.)]) +/;

function listKind(line: string): "ul" | "ol" | null {
  return BULLET.test(line) ? "ul" : NUMBERED.test(line) ? "ol" : null;
}

/** Unix newlines; no NUL (it marks placeholders below) nor other control characters but tab. */
function normalize(source: string): string {
  // eslint-disable-next-line no-control-regex
  return source.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Checked on the escaped text: an entity (`&#106;avascript:`) is `&amp;#106;…` by then and fails. */
const SAFE_URL = /^(?:https?:\/\/[^\s/?#]+[^\s]*|mailto:[^\s@]+@[^\s]+)$/i;

/**
 * One line's inline constructs, over its escaped text. Code spans and links are set aside as
 * placeholders first, so emphasis never reaches into code or into an `href`.
 */
function inline(line: string): string {
  const held: string[] = [];
  const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`;
  let html = escapeHtml(line);
  html = html.replace(/`([^`]+)`/g, (_, code: string) => hold(`<code>${code}</code>`));
  html = html.replace(/\[([^\]\n]{1,500})\]\(([^()\s]{1,2000})\)/g, (whole, text: string, url: string) =>
    SAFE_URL.test(url) ? hold(`<a href="${url}" rel="nofollow noopener noreferrer" target="_blank">${emphasis(text)}</a>`) : whole,
  );
  html = emphasis(html);
  // A link's text may hold a code span's placeholder: restore until none is left.
  // eslint-disable-next-line no-control-regex -- the placeholder is delimited by NUL on purpose
  const restore = (text: string): string => text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => restore(held[Number(n)]));
  return restore(html);
}

function emphasis(html: string): string {
  return html.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "<strong>$1</strong>").replace(/(^|[^*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])/g, "$1<em>$2</em>");
}

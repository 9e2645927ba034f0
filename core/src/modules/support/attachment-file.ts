/**
 * What may be attached to a ticket, recognised by the file's first bytes — never by its name
 * or by the type the client declared. Anything else is refused with `CAB_ERR_ATTACHMENT_TYPE`.
 * The list is documented in docs/api.md (Attachments); keep the two in step.
 */
const SIGNATURES: { mediaType: string; matches(data: Buffer): boolean; extensions: string[] }[] = [
  { mediaType: "image/png", extensions: [".png"], matches: (d) => starts(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: "image/jpeg", extensions: [".jpg", ".jpeg"], matches: (d) => starts(d, [0xff, 0xd8, 0xff]) },
  {
    mediaType: "image/gif",
    extensions: [".gif"],
    matches: (d) => d.subarray(0, 6).toString("latin1") === "GIF87a" || d.subarray(0, 6).toString("latin1") === "GIF89a",
  },
  {
    mediaType: "image/webp",
    extensions: [".webp"],
    matches: (d) => d.subarray(0, 4).toString("latin1") === "RIFF" && d.subarray(8, 12).toString("latin1") === "WEBP",
  },
  { mediaType: "application/pdf", extensions: [".pdf"], matches: (d) => d.subarray(0, 5).toString("latin1") === "%PDF-" },
  // Office documents (docx, xlsx…) are ZIP files too, and are served as such.
  {
    mediaType: "application/zip",
    extensions: [".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"],
    matches: (d) => starts(d, [0x50, 0x4b, 0x03, 0x04]) || starts(d, [0x50, 0x4b, 0x05, 0x06]),
  },
  { mediaType: "application/gzip", extensions: [".gz", ".tgz"], matches: (d) => starts(d, [0x1f, 0x8b, 0x08]) },
  // Text a browser or a desktop would not run when opened (never .html, .svg, .js…).
  { mediaType: "text/plain", extensions: [".txt", ".log", ".csv", ".md", ".json", ".yaml", ".yml", ".conf", ".ini", ".cfg", ".toml"], matches: isPlainText },
];

function starts(data: Buffer, bytes: number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

/** UTF-8 text (logs, configs): valid UTF-8 with no control characters but tab, newlines and form feed. */
function isPlainText(data: Buffer): boolean {
  if (data.length === 0) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(data.toString("latin1")) || data.includes(0x0b)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** The media type of an allowed file, from its bytes; null for any other. */
export function sniffMediaType(data: Buffer): string | null {
  return SIGNATURES.find((s) => s.matches(data))?.mediaType ?? null;
}

export const allowedMediaTypes = SIGNATURES.map((s) => s.mediaType);

/**
 * A client's file name made fit to show and to offer in `Content-Disposition`: the last path
 * segment only (`../../etc/passwd` is `passwd`), no control, quote, slash or backslash
 * characters, no leading dots, at most 120 characters. It is only ever a label: the file is
 * stored under a key the core mints.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f"*:<>?|\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+/, "")
    .trim();
  return [...clean].slice(0, 120).join("") || "attachment";
}

/**
 * The name a file is offered under: the client's name when its extension fits the type found
 * in the bytes, else that name with the type's own extension added (`poly.html` holding a GIF
 * is `poly.html.gif`). Opened from the downloads folder, a file then opens as what it is — a
 * GIF with HTML inside, saved as `.html`, would run as a page.
 */
export function downloadName(fileName: string, mediaType: string): string {
  const extensions = SIGNATURES.find((s) => s.mediaType === mediaType)?.extensions ?? [".bin"];
  const dot = fileName.lastIndexOf(".");
  const extension = dot > 0 ? fileName.slice(dot).toLowerCase() : "";
  if (extensions.includes(extension)) return fileName;
  return `${[...fileName].slice(0, 120 - extensions[0].length).join("")}${extensions[0]}`;
}

/** `Content-Disposition: attachment` for a sanitized name: an ASCII fallback, and the exact name in RFC 5987 form. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"%;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

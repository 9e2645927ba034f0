import { describe, expect, it } from "vitest";
import { attachmentDisposition, sanitizeFileName, sniffMediaType } from "../../src/modules/support/attachment-file.js";
import { renderMessage } from "../../src/modules/support/render-message.js";

const link = (href: string, text: string) => `<a href="${href}" rel="nofollow noopener noreferrer" target="_blank">${text}</a>`;

describe("renderMessage", () => {
  it("renders the Markdown subset: paragraphs, line breaks, bold, italic, code, fences, lists and links", () => {
    expect(renderMessage("Hello **there** and *you*\nsecond line\n\nnext `a*b*` para")).toBe(
      "<p>Hello <strong>there</strong> and <em>you</em><br>second line</p>\n<p>next <code>a*b*</code> para</p>",
    );
    expect(renderMessage("```js\nif (a < b) { x = '*no*' }\n```")).toBe("<pre><code>if (a &lt; b) { x = &#39;*no*&#39; }</code></pre>");
    expect(renderMessage("- one\n- **two**\n1. first\n2. second")).toBe(
      "<ul><li>one</li><li><strong>two</strong></li></ul>\n<ol><li>first</li><li>second</li></ol>",
    );
    expect(renderMessage("[docs](https://example.org/a_b*c*) [mail](mailto:help@example.org)")).toBe(
      `<p>${link("https://example.org/a_b*c*", "docs")} ${link("mailto:help@example.org", "mail")}</p>`,
    );
    expect(renderMessage("snake_case_name and 2*3*4")).toBe("<p>snake_case_name and 2*3*4</p>");
    expect(renderMessage("**[`npm ci`](https://docs.npmjs.com)**")).toBe(`<p><strong>${link("https://docs.npmjs.com", "<code>npm ci</code>")}</strong></p>`);
    expect(renderMessage("\r\n\r\nplain\r\n")).toBe("<p>plain</p>");
  });

  it("keeps every other link as text, whatever its spelling", () => {
    for (const url of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert`1`",
      " javascript:x",
      "data:text/html,<b>",
      "vbscript:x",
      "jav&#x61;script:x",
      "//evil.example/x",
      "https:",
      "http://",
      "file:///etc/passwd",
    ]) {
      expect(renderMessage(`[x](${url})`)).not.toContain("<a");
    }
  });

  it("lets no raw HTML through, not even inside code, links or emphasis", () => {
    const html = renderMessage("**<img src=x onerror=alert(1)>** [<script>](https://e.org) `</code><script>` \u0000 0 \u0000");
    expect(html).not.toMatch(/<(img|script)/);
    expect(html).toBe(
      `<p><strong>&lt;img src=x onerror=alert(1)&gt;</strong> ${link("https://e.org", "&lt;script&gt;")} <code>&lt;/code&gt;&lt;script&gt;</code>  0 </p>`,
    );
  });
});

describe("attachments", () => {
  it("are typed by their first bytes, not their names", () => {
    expect(sniffMediaType(Buffer.from("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe("image/jpeg");
    expect(sniffMediaType(Buffer.from("GIF89a......"))).toBe("image/gif");
    expect(sniffMediaType(Buffer.from("PK\x03\x04rest", "latin1"))).toBe("application/zip");
    expect(sniffMediaType(Buffer.from("Grüße, log line\n\tindented\r\n"))).toBe("text/plain");
    expect(sniffMediaType(Buffer.from("MZ\x90\x00", "latin1"))).toBeNull(); // an executable
    expect(sniffMediaType(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBeNull(); // ELF
    expect(sniffMediaType(Buffer.from([0xc3, 0x28]))).toBeNull(); // not UTF-8
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });

  it("keep the client's name only as a harmless label", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\report.pdf")).toBe("report.pdf");
    expect(sanitizeFileName("..")).toBe("attachment");
    expect(sanitizeFileName(".htaccess")).toBe("htaccess");
    expect(sanitizeFileName("a\u0000b\r\nc\u202egnp.exe")).toBe("abcgnp.exe");
    expect(sanitizeFileName("x".repeat(300))).toHaveLength(120);
    expect(attachmentDisposition("отчёт (1).pdf")).toBe(`attachment; filename="_____ (1).pdf"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%20%281%29.pdf`);
  });
});

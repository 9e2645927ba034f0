import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../support/account-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { EXE, fetchBytes, openTicket, PNG, fewestQueries, sendMultipart, startSupportCabinet, type SupportCabinet } from "../support/ticket-helpers.js";
import type { TestCabinet } from "../support/test-cabinet.js";

const DAY = 86_400_000;

let support: SupportCabinet;
let t: TestCabinet;
let filesDir: string;
let departments: SupportCabinet["departments"];
let events: SupportCabinet["events"];

beforeAll(async () => {
  support = await startSupportCabinet({
    reopenPeriodDays: 7,
    attachmentMaxBytes: 4096,
    attachmentsPerMessage: 2,
    openLimitPerUser: { points: 15, durationSeconds: 3600 },
    messageLimitPerUser: { points: 10, durationSeconds: 300 },
  });
  ({ t, filesDir, departments, events } = support);
});
afterAll(() => support.close());

/** Every file the FileStore holds, as paths relative to its directory. */
const storedFiles = () => (readdirSync(filesDir, { recursive: true }) as string[]).filter((p) => statSync(join(filesDir, p)).isFile());

const signInAlice = async () =>
  (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "alice@example.com", password: "northwind-demo", mode: "bearer" } })).body;

describe("departments", () => {
  it("are the brand's: the demo seeds technical, billing and sales, in that order", async () => {
    const { token } = await t.signUp();
    const response = await t.request("GET", "/api/v1/support/departments", { token });
    expect(response.status).toBe(200);
    expect(response.body.items.map((d: { name: string }) => d.name)).toEqual(["Technical support", "Billing", "Sales"]);
    expect(response.body.items[0].id).toMatch(/^dep_/);
  });
});

describe("opening a ticket", () => {
  it("as JSON: answers the ticket with its first message rendered, lists it, and publishes ticket.opened", async () => {
    const client = await t.signUp();
    const response = await t.request("POST", "/api/v1/tickets", {
      token: client.token,
      body: { subject: "  Cannot reach my server ", departmentId: departments.technical, priority: "high", body: "It **stopped** answering at 10:00." },
    });
    expect(response.status).toBe(201);
    const ticket = response.body;
    expect(ticket).toMatchObject({
      subject: "Cannot reach my server",
      department: { id: departments.technical, name: "Technical support" },
      priority: "high",
      status: "open",
      serviceId: null,
      unreadByClient: false,
      rating: null,
      canReply: true,
      canReopenUntil: null,
    });
    expect(ticket.id).toMatch(/^tkt_/);
    expect(ticket.messages).toEqual([
      {
        id: expect.stringMatching(/^tmsg_/),
        author: { kind: "client", name: "Test Client" },
        body: "It **stopped** answering at 10:00.",
        bodyHtml: "<p>It <strong>stopped</strong> answering at 10:00.</p>",
        attachments: [],
        createdAt: expect.any(String),
      },
    ]);
    const list = await t.request("GET", "/api/v1/tickets", { token: client.token });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([ticket.id]);
    expect(list.body.items[0]).not.toHaveProperty("messages");
    expect(events).toContainEqual({
      name: "ticket.opened",
      payload: { brandId: expect.any(String), accountId: client.accountId, ticketId: ticket.id, userId: client.userId },
    });
  });

  it("as multipart with an attachment about one of the account's services; the file is stored under a key of the core's, and downloads as it was sent", async () => {
    const alice = await signInAlice();
    const services = await t.request("GET", "/api/v1/services", { token: alice.token });
    const serviceId = services.body.items[0].id;
    const response = await sendMultipart(
      t,
      "/api/v1/tickets",
      alice.token,
      { subject: "Screenshot of the error", departmentId: departments.technical, priority: "normal", serviceId, body: "See the picture." },
      [{ name: "screen shot.png", data: PNG, type: "image/png" }],
    );
    expect(response.status).toBe(201);
    const ticket = response.body;
    expect(ticket.serviceId).toBe(serviceId);
    const [attachment] = ticket.messages[0].attachments;
    expect(attachment).toEqual({ id: expect.stringMatching(/^att_/), fileName: "screen shot.png", size: PNG.length, mediaType: "image/png" });
    expect(storedFiles()).toContain(join("tickets", ticket.id, attachment.id));

    const file = await fetchBytes(t, `/api/v1/tickets/${ticket.id}/attachments/${attachment.id}`, alice.token);
    expect(file.status).toBe(200);
    expect(file.data.equals(PNG)).toBe(true);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="screen shot.png"; filename*=UTF-8''screen%20shot.png`);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a department of no brand's and a service of another account (422), writing nothing", async () => {
    const client = await t.signUp();
    const alice = await signInAlice();
    const aliceService = (await t.request("GET", "/api/v1/services", { token: alice.token })).body.items[0].id;
    const foreignService = await t.request("POST", "/api/v1/tickets", {
      token: client.token,
      body: { subject: "S", departmentId: departments.sales, priority: "low", serviceId: aliceService, body: "b" },
    });
    expect(foreignService.status).toBe(422);
    expect(foreignService.body.error).toMatchObject({ code: "CAB_ERR_UNPROCESSABLE", details: { field: "serviceId" } });
    const unknownDepartment = await t.request("POST", "/api/v1/tickets", {
      token: client.token,
      body: { subject: "S", departmentId: "dep_0000000000000000000000", priority: "low", body: "b" },
    });
    expect(unknownDepartment.status).toBe(422);
    expect(unknownDepartment.body.error.details.field).toBe("departmentId");
    expect((await t.request("GET", "/api/v1/tickets", { token: client.token })).body.items).toEqual([]);
  });
});

describe("bad input", () => {
  let client: Awaited<ReturnType<TestCabinet["signUp"]>>;
  let ticketId: string;
  const fields = () => ({ subject: "Logs attached", departmentId: departments.technical, priority: "normal", body: "See attached." });
  const ticketCount = async () => (await t.request("GET", "/api/v1/tickets", { token: client.token })).body.items.length;

  beforeAll(async () => {
    client = await t.signUp();
    ticketId = (await openTicket(t, client.token, departments.technical)).id;
  });

  it("an attachment over the brand's size limit: 413, no ticket and no file", async () => {
    const before = storedFiles().length;
    const response = await sendMultipart(t, "/api/v1/tickets", client.token, fields(), [{ name: "big.txt", data: Buffer.alloc(4097, "a") }]);
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: "CAB_ERR_ATTACHMENT_TOO_LARGE", details: { limitBytes: 4096 } });
    expect(await ticketCount()).toBe(1);
    expect(storedFiles().length).toBe(before);
    // A file far over the limit is refused as soon as the limit is passed, and the answer still arrives whole.
    const huge = await sendMultipart(t, "/api/v1/tickets", client.token, fields(), [{ name: "huge.bin", data: Buffer.alloc(8_000_000, 1) }]);
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("CAB_ERR_ATTACHMENT_TOO_LARGE");
  });

  it("more attachments than allowed: 422", async () => {
    const response = await sendMultipart(
      t,
      `/api/v1/tickets/${ticketId}/messages`,
      client.token,
      { body: "three files" },
      [1, 2, 3].map((n) => ({ name: `${n}.png`, data: PNG })),
    );
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "CAB_ERR_TOO_MANY_ATTACHMENTS", details: { limit: 2 } });
  });

  it("a forbidden type behind an allowed name and declared type: 415, and the allowed file beside it is not kept either", async () => {
    const before = storedFiles().length;
    const response = await sendMultipart(t, "/api/v1/tickets", client.token, fields(), [
      { name: "fine.png", data: PNG, type: "image/png" },
      { name: "holiday.png", data: EXE, type: "image/png" },
    ]);
    expect(response.status).toBe(415);
    expect(response.body.error).toMatchObject({ code: "CAB_ERR_ATTACHMENT_TYPE", details: { fileName: "holiday.png" } });
    expect(await ticketCount()).toBe(1);
    expect(storedFiles().length).toBe(before);
  });

  it("a path-traversal name is only a label: stored under the core's key, offered as its last segment", async () => {
    const response = await sendMultipart(t, `/api/v1/tickets/${ticketId}/messages`, client.token, { body: "my passwd" }, [
      { name: "../../etc/passwd", data: Buffer.from("root:x:0:0:root:/root:/bin/bash\n") },
    ]);
    expect(response.status).toBe(201);
    const [attachment] = response.body.attachments;
    expect(attachment).toMatchObject({ fileName: "passwd.txt", mediaType: "text/plain" });
    expect(storedFiles()).toContain(join("tickets", ticketId, attachment.id));
    expect(storedFiles().some((p) => p.includes("passwd") || p.includes(".."))).toBe(false);
    const file = await fetchBytes(t, `/api/v1/tickets/${ticketId}/attachments/${attachment.id}`, client.token);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="passwd.txt"; filename*=UTF-8''passwd.txt`);
    expect(file.data.toString()).toBe("root:x:0:0:root:/root:/bin/bash\n");

    const quoted = await sendMultipart(t, `/api/v1/tickets/${ticketId}/messages`, client.token, { body: "odd name" }, [
      { name: '..\\..\\x"; filename=evil.html', data: Buffer.from("hi") },
    ]);
    expect(quoted.body.attachments[0].fileName).toBe("x; filename=evil.html.txt");
    const odd = await fetchBytes(t, `/api/v1/tickets/${ticketId}/attachments/${quoted.body.attachments[0].id}`, client.token);
    expect(odd.headers.get("content-disposition")).toBe(`attachment; filename="x_ filename=evil.html.txt"; filename*=UTF-8''x%3B%20filename%3Devil.html.txt`);
  });

  it("offers a file under an extension that matches the type found in its bytes, never the uploader's", async () => {
    // A GIF with a page inside: named .html it would run as a page when opened from the downloads folder.
    const polyglot = Buffer.concat([Buffer.from("GIF89a"), Buffer.from("<html><script>alert(document.domain)</script></html>")]);
    const cases: [string, Buffer, string][] = [
      ["poly.html", polyglot, "poly.html.gif"],
      ["photo.JPG", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "photo.JPG"],
      ["picture.jpg", PNG, "picture.jpg.png"],
      ["notes.svg", Buffer.from("<svg onload=alert(1)>"), "notes.svg.txt"],
      ["server.log", Buffer.from("started\n"), "server.log"],
    ];
    for (const [name, data, offered] of cases) {
      const sent = await sendMultipart(t, `/api/v1/tickets/${ticketId}/messages`, client.token, { body: `a file: ${name}` }, [{ name, data }]);
      expect(sent.status, name).toBe(201);
      expect(sent.body.attachments[0].fileName, name).toBe(offered);
      const file = await fetchBytes(t, `/api/v1/tickets/${ticketId}/attachments/${sent.body.attachments[0].id}`, client.token);
      expect(file.headers.get("content-disposition"), name).toBe(`attachment; filename="${offered}"; filename*=UTF-8''${encodeURIComponent(offered)}`);
    }
  });

  it("an empty or blank message: 400, as JSON and as multipart", async () => {
    for (const body of ["", "   \n\t "]) {
      const json = await t.request("POST", `/api/v1/tickets/${ticketId}/messages`, { token: client.token, body: { body } });
      expect(json.status).toBe(400);
      expect(json.body.error.code).toBe("CAB_ERR_VALIDATION");
      const form = await sendMultipart(t, `/api/v1/tickets/${ticketId}/messages`, client.token, { body }, [{ name: "a.png", data: PNG }]);
      expect(form.status).toBe(400);
      expect(form.body.error.details.errors[0]).toMatchObject({ in: "body", path: "/body" });
    }
    const missing = await sendMultipart(t, "/api/v1/tickets", client.token, { subject: "No body", departmentId: departments.technical, priority: "normal" });
    expect(missing.status).toBe(400);
    const unknownField = await sendMultipart(t, `/api/v1/tickets/${ticketId}/messages`, client.token, { body: "hi", isAdmin: "1" });
    expect(unknownField.body.error.details.errors[0]).toMatchObject({ path: "/isAdmin", message: "is not a known field" });
    const fileInWrongField = await sendMultipart(
      t,
      `/api/v1/tickets/${ticketId}/messages`,
      client.token,
      { body: "hi" },
      [{ name: "a.png", data: PNG }],
      "file",
    );
    expect(fileInWrongField.status).toBe(400);
    // Multipart is for routes that take uploads only.
    const rating = await sendMultipart(t, `/api/v1/tickets/${ticketId}/rating`, client.token, { rating: "5" });
    expect(rating.status).toBe(415);
    expect(storedFiles().every((p) => p.startsWith("tickets"))).toBe(true);
  });
});

describe("who may see a ticket", () => {
  let owner: Awaited<ReturnType<TestCabinet["signUp"]>>;
  let ticket: any;
  beforeAll(async () => {
    owner = await t.signUp();
    const response = await sendMultipart(
      t,
      "/api/v1/tickets",
      owner.token,
      { subject: "Private", departmentId: departments.billing, priority: "low", body: "Invoice question" },
      [{ name: "invoice.pdf", data: Buffer.from("%PDF-1.4\n%%EOF\n") }],
    );
    ticket = response.body;
  });

  it("a member with `support` sees the account's tickets and files; one without gets 403", async () => {
    const support = await addMember(t, owner.accountId, ["support"], "Sam Sysadmin");
    expect((await t.request("GET", "/api/v1/tickets", { token: support.token })).body.items.map((i: { id: string }) => i.id)).toEqual([ticket.id]);
    const file = await fetchBytes(t, `/api/v1/tickets/${ticket.id}/attachments/${ticket.messages[0].attachments[0].id}`, support.token);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    const reply = await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token: support.token, body: { body: "Adding to this" } });
    expect(reply.body.author).toEqual({ kind: "client", name: "Sam Sysadmin" });

    const finance = await addMember(t, owner.accountId, ["finance"]);
    for (const [method, path] of [
      ["GET", "/api/v1/tickets"],
      ["GET", `/api/v1/tickets/${ticket.id}`],
      ["GET", "/api/v1/support/departments"],
    ] as const) {
      const response = await t.request(method, path, { token: finance.token });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("CAB_ERR_FORBIDDEN");
    }
  });

  it("another account gets 404 for the ticket, its messages, its files, closing and rating it", async () => {
    const stranger = await t.signUp();
    const attachmentId = ticket.messages[0].attachments[0].id;
    const attempts = [
      await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token: stranger.token }),
      await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token: stranger.token, body: { body: "hi" } }),
      await sendMultipart(t, `/api/v1/tickets/${ticket.id}/messages`, stranger.token, { body: "hi" }, [{ name: "a.png", data: PNG }]),
      await t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token: stranger.token }),
      await t.request("POST", `/api/v1/tickets/${ticket.id}/reopen`, { token: stranger.token }),
      await t.request("POST", `/api/v1/tickets/${ticket.id}/rating`, { token: stranger.token, body: { rating: 1 } }),
      await t.request("GET", `/api/v1/tickets/${ticket.id}/attachments/${attachmentId}`, { token: stranger.token }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("CAB_ERR_NOT_FOUND");
    }
    // Their own ticket's path does not reach another ticket's file either.
    const own = await openTicket(t, stranger.token, departments.sales);
    expect((await t.request("GET", `/api/v1/tickets/${own.id}/attachments/${attachmentId}`, { token: stranger.token })).status).toBe(404);
    expect((await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token: owner.token })).body.messages).toHaveLength(2);
  });

  it("a cookie session uploads too, with its CSRF token and not without", async () => {
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "bob@example.com", password: "northwind-demo" } });
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith("cabinet_session="))!
      .split(";")[0];
    const fields = { subject: "From the browser", departmentId: departments.sales, priority: "low", body: "With a cookie" };
    const files = [{ name: "a.png", data: PNG }];
    const forged = await sendMultipart(t, "/api/v1/tickets", { cookie }, fields, files);
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe("CAB_ERR_CSRF");
    const sent = await sendMultipart(t, "/api/v1/tickets", { cookie, "x-csrf-token": signIn.body.session.csrfToken }, fields, files);
    expect(sent.status).toBe(201);
    expect(sent.body.messages[0].attachments).toHaveLength(1);
  });

  it("nobody signed in gets 401", async () => {
    expect((await t.request("GET", "/api/v1/tickets")).status).toBe(401);
    const anonymous = await fetch(`${t.url}/api/v1/tickets`, { method: "POST", body: new FormData() });
    expect(anonymous.status).toBe(401);
  });
});

describe("the status flow", () => {
  it("open → awaiting_client → awaiting_staff → closed, rated, reopened within the period and refused past it", async () => {
    const client = await t.signUp();
    const { token } = client;
    const ticket = await openTicket(t, token, departments.technical);
    const status = async () => (await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token })).body;
    const listed = async () => (await t.request("GET", "/api/v1/tickets", { token })).body.items[0];

    await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: "Any news?" } });
    expect((await status()).status).toBe("open"); // nobody has answered yet

    // Staff answer (the staff API's own tests are in tickets-staff.test.ts).
    const staff = await signInStaff(t, "support");
    t.clock.advance(60_000);
    const staffReply = await t.request("POST", `/api/v1/staff/tickets/${ticket.id}/messages`, { token: staff.token, body: { body: "Fixed, please check." } });
    expect(staffReply.status).toBe(201);
    expect(await listed()).toMatchObject({ status: "awaiting_client", unreadByClient: true });
    const opened = await status();
    expect(opened.messages.map((m: { author: { kind: string } }) => m.author.kind)).toEqual(["client", "client", "staff"]);
    expect(await listed()).toMatchObject({ unreadByClient: false }); // opening it read the reply

    await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: "Still slow." } });
    expect((await status()).status).toBe("awaiting_staff");

    const early = await t.request("POST", `/api/v1/tickets/${ticket.id}/rating`, { token, body: { rating: 5 } });
    expect(early.status).toBe(409);
    const notClosed = await t.request("POST", `/api/v1/tickets/${ticket.id}/reopen`, { token });
    expect(notClosed.body.error.code).toBe("CAB_ERR_CONFLICT");

    const closed = await t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", canReply: true, canReopenUntil: new Date(t.clock.now() + 7 * DAY).toISOString() });
    expect(events.filter((e) => e.name === "ticket.closed" && (e.payload as { ticketId: string }).ticketId === ticket.id)).toHaveLength(1);
    await t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token }); // again: nothing changes, no second event
    expect(events.filter((e) => e.name === "ticket.closed" && (e.payload as { ticketId: string }).ticketId === ticket.id)).toHaveLength(1);

    const rated = await t.request("POST", `/api/v1/tickets/${ticket.id}/rating`, { token, body: { rating: 4, comment: "Quick" } });
    expect(rated.body.rating).toBe(4);
    expect((await t.request("POST", `/api/v1/tickets/${ticket.id}/rating`, { token, body: { rating: 6 } })).status).toBe(400);

    const reopened = await t.request("POST", `/api/v1/tickets/${ticket.id}/reopen`, { token });
    expect(reopened.body).toMatchObject({ status: "awaiting_staff", canReopenUntil: null });

    await t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token });
    t.clock.advance(6 * DAY);
    const withinPeriod = await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: "One more thing" } });
    expect(withinPeriod.status).toBe(201); // a reply within the period reopens it
    expect((await status()).status).toBe("awaiting_staff");

    await t.request("POST", `/api/v1/tickets/${ticket.id}/close`, { token });
    t.clock.advance(7 * DAY + 1);
    const late = await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: "Hello?" } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("CAB_ERR_TICKET_CLOSED");
    const lateForm = await sendMultipart(t, `/api/v1/tickets/${ticket.id}/messages`, token, { body: "Hello?" }, [{ name: "a.png", data: PNG }]);
    expect(lateForm.body.error.code).toBe("CAB_ERR_TICKET_CLOSED");
    expect((await t.request("POST", `/api/v1/tickets/${ticket.id}/reopen`, { token })).body.error.code).toBe("CAB_ERR_TICKET_CLOSED");
    expect(await status()).toMatchObject({ status: "closed", canReply: false });
    expect((await status()).messages).toHaveLength(5);
  });
});

describe("message bodies", () => {
  const payloads = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[x](javascript:alert(1))",
    "[y](JaVaScRiPt:alert(1))",
    "[z](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[e](jav&#x61;script:alert(1))",
    "[t](java&#09;script:alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    '[q](https://example.org/"onmouseover="alert)',
    "**<svg onload=alert(1)>**",
    "`<iframe src=javascript:alert(1)>`",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "- <b onclick=alert(1)>item</b>",
    "[ok](https://example.org/path?a=1&b=2) and [mail](mailto:help@example.org)",
  ];

  it("keep their source and answer HTML in which no tag, attribute or URL a client typed survives", async () => {
    const { token } = await t.signUp();
    const ticket = await openTicket(t, token, departments.technical, { body: payloads.join("\n\n") });
    const [message] = ticket.messages;
    expect(message.body).toBe(payloads.join("\n\n"));
    const html: string = message.bodyHtml;
    const tags = html.match(/<[^>]*>/g) ?? [];
    const allowed =
      /^<\/?(p|br|strong|em|code|pre|ul|ol|li)>$|^<a href="(https?:\/\/|mailto:)[^"<>]*" rel="nofollow noopener noreferrer" target="_blank">$|^<\/a>$/;
    expect(tags.filter((tag) => !allowed.test(tag))).toEqual([]);
    expect(html).not.toMatch(/<(script|img|svg|iframe|b)\b/i);
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
    expect(html).toContain('<a href="https://example.org/path?a=1&amp;b=2" rel="nofollow noopener noreferrer" target="_blank">ok</a>');
    expect(html).toContain('<a href="mailto:help@example.org"');
    expect(html).toContain('<a href="https://example.org/&quot;onmouseover=&quot;alert"'); // the quote stays inside the URL
    expect(html).toContain("&amp;lt;script&amp;gt;"); // an entity shows as typed, it does not decode to a tag
    // The same holds on the staff side and in the list of the ticket's messages.
    const again = await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token });
    expect(again.body.messages[0].bodyHtml).toBe(html);
  });

  it("may be 20 000 characters of any script, and no longer", async () => {
    const { token } = await t.signUp();
    const ticket = await openTicket(t, token, departments.technical);
    const longest = "😀".repeat(20_000); // four bytes each in UTF-8
    const posted = await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: longest } });
    expect(posted.status).toBe(201);
    expect((await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token })).body.messages[1].body).toBe(longest);
    const tooLong = await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: "a".repeat(20_001) } });
    expect(tooLong.status).toBe(400);
  });
});

describe("lists", () => {
  it("cost the same number of queries for 2 tickets as for 12, and page with a cursor; opening too many is rate limited", async () => {
    const { token } = await t.signUp();
    for (let i = 0; i < 2; i++) await openTicket(t, token, departments.sales, { subject: `Ticket ${i}` });
    const forTwo = await fewestQueries(t, () => t.request("GET", "/api/v1/tickets", { token }));
    for (let i = 2; i < 12; i++) await openTicket(t, token, departments.sales, { subject: `Ticket ${i}` });
    let page: any;
    const forTwelve = await fewestQueries(t, async () => (page = (await t.request("GET", "/api/v1/tickets", { token })).body));
    expect(page.items).toHaveLength(12);
    expect(forTwelve.length).toBe(forTwo.length);
    expect(forTwelve.filter((q) => /tickets/.test(q))).toHaveLength(1);

    const first = (await t.request("GET", "/api/v1/tickets?limit=5", { token })).body;
    const second = (await t.request("GET", `/api/v1/tickets?limit=5&cursor=${first.nextCursor}`, { token })).body;
    expect(first.items.map((i: { subject: string }) => i.subject)).toEqual(["Ticket 11", "Ticket 10", "Ticket 9", "Ticket 8", "Ticket 7"]);
    expect(second.items[0].subject).toBe("Ticket 6");
    expect((await t.request("GET", "/api/v1/tickets?status=closed", { token })).body.items).toEqual([]);

    for (let i = 12; i < 15; i++) await openTicket(t, token, departments.sales);
    const flood = await t.request("POST", "/api/v1/tickets", {
      token,
      body: { subject: "One too many", departmentId: departments.sales, priority: "low", body: "x" },
    });
    expect(flood.status).toBe(429);
    expect(flood.body.error.code).toBe("CAB_ERR_RATE_LIMITED");
    expect(flood.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("posting too many messages is rate limited per user, and the refused one is not stored", async () => {
    const { token } = await t.signUp();
    const ticket = await openTicket(t, token, departments.sales);
    for (let i = 0; i < 10; i++)
      expect((await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: `m${i}` } })).status).toBe(201);
    const flood = await t.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: "m10" } });
    expect(flood.status).toBe(429);
    expect(flood.body.error.code).toBe("CAB_ERR_RATE_LIMITED");
    expect((await t.request("GET", `/api/v1/tickets/${ticket.id}`, { token })).body.messages).toHaveLength(11);
  });
});

import { describe, expect, it } from "vitest";
import { clampPageSize, PagedList } from "../src/runtime/paged-list.js";
import type { Page } from "../src/runtime/api-types.js";

function host() {
  let updates = 0;
  return {
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
    get updates() {
      return updates;
    },
  };
}

describe("PagedList", () => {
  it("loads a first page, then more, and says where the new items start", async () => {
    const pages: Record<string, Page<number>> = { first: { items: [1, 2], nextCursor: "c2" }, c2: { items: [3], nextCursor: null } };
    const asked: (string | undefined)[] = [];
    const list = new PagedList<number>(host(), async (cursor) => (asked.push(cursor), pages[cursor ?? "first"]));
    expect(await list.load("page")).toBe(0);
    expect(await list.load("more")).toBe(2);
    expect(list.items).toEqual([1, 2, 3]);
    expect(list.nextCursor).toBeNull();
    expect(asked).toEqual([undefined, "c2"]);
  });

  it("lets the newest first page win over one still loading", async () => {
    let release!: (page: Page<string>) => void;
    const slow = new Promise<Page<string>>((resolve) => (release = resolve));
    const answers = [() => slow, async () => ({ items: ["new filter"], nextCursor: null })];
    const list = new PagedList<string>(host(), () => answers.shift()!());
    const first = list.load("page");
    const second = list.load("page");
    release({ items: ["old filter"], nextCursor: null });
    expect(await first).toBeNull();
    expect(await second).toBe(0);
    expect(list.items).toEqual(["new filter"]);
  });

  it("keeps the failure for Try again, tells the widget, and empties a failed first page unless quiet", async () => {
    const seen: unknown[] = [];
    const failure = new Error("boom");
    let fail = false;
    const list = new PagedList<number>(
      host(),
      async () => {
        if (fail) throw failure;
        return { items: [1], nextCursor: null };
      },
      (cause) => seen.push(cause),
    );
    await list.load("page");
    fail = true;
    await list.load("page", true);
    expect(list.items).toEqual([1]); // a quiet refresh keeps what is on screen
    expect(list.error).toEqual({ cause: failure, kind: "page" });
    await list.load("page");
    expect(list.items).toEqual([]);
    expect(seen).toEqual([failure, failure]);
    list.clear();
    expect([list.loaded, list.error, list.items.length]).toEqual([false, null, 0]);
  });
});

describe("clampPageSize", () => {
  it("keeps page sizes within what the API takes", () => {
    expect([0, -3, 1, 20, 100, 500, Number.NaN, 2.7].map(clampPageSize)).toEqual([10, 1, 1, 20, 100, 100, 10, 2]);
  });
});

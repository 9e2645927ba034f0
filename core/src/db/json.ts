/** JSON columns are TEXT on both databases; these two functions are the only mapping. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === "") return fallback;
  return (typeof text === "string" ? JSON.parse(text) : text) as T;
}

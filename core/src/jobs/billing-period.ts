import { DAY_MS } from "../modules/services/service-period.js";

export const days = (count: number) => count * DAY_MS;

/** `YYYY-MM-DD` of an instant (UTC), as ledger descriptions print it. */
export const isoDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);

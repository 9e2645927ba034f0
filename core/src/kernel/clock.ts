/** Time as the core sees it; tests replace it to move through billing periods. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

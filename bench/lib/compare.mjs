// Comparing two sides fairly: the same bytes before any timing, and rounds that alternate which
// side goes first (so neither always gets the cooler machine), each round's ratio printed and
// the median the result.
import { median, say } from "./machine.mjs";

/** Throws unless every side answered 200 with the same body: a comparison of different answers is not of equal work. */
export function assertSameBytes(answers) {
  const entries = Object.entries(answers);
  const [, first] = entries[0];
  if (entries.every(([, a]) => a.status === 200 && a.body === first.body)) return first.body.length;
  for (const [name, a] of entries) say(`${name.padEnd(9)} ${a.status} ${a.body.slice(0, 400)}`);
  throw new Error(`${entries.map(([n]) => n).join(" and ")} do not answer the same bytes: the comparison would not be of equal work`);
}

/**
 * `rounds` rounds of `measure(side)` for both sides, alternating which goes first; `rate(result)`
 * is the figure compared (higher is better), `describe(side, result)` a round's text for a side.
 * Prints each round; returns the median of the rounds' ratios (a ÷ b).
 */
export async function alternateRounds({ rounds, sides: [a, b], measure, rate, describe }) {
  const ratios = [];
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? [a, b] : [b, a];
    const results = {};
    for (const side of order) results[side] = await measure(side);
    const ratio = rate(results[a]) / rate(results[b]);
    ratios.push(ratio);
    say(`round ${round}: ${describe(a, results[a])} | ${describe(b, results[b])} | ratio ${ratio.toFixed(2)}`);
  }
  const result = median(ratios);
  say(`median of ${rounds} rounds: ${result.toFixed(2)}`);
  return result;
}

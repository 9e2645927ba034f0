/** The sandbox's cards: what each one does when paid with. */
export const testCards = {
  "4242424242424242": { outcome: "succeeds", label: "Succeeds" },
  "4000000000000002": { outcome: "declined", label: "Declined" },
  "4000002760003184": { outcome: "confirm", label: "Asks for a confirmation first (like 3-D Secure)" },
} as const;

export type CardOutcome = (typeof testCards)[keyof typeof testCards]["outcome"];

export function outcomeOf(cardNumber: string): CardOutcome | null {
  const digits = cardNumber.replace(/[\s-]/g, "");
  return digits in testCards ? testCards[digits as keyof typeof testCards].outcome : null;
}

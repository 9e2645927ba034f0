/** An amount of money: integer minor units (cents, kopecks) and an ISO 4217 currency. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}

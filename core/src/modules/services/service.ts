/** Where a service is in its life; the services issue adds the transitions between them. */
export const serviceStatuses = [
  "pending_payment",
  "provisioning",
  "provisioning_failed",
  "active",
  "suspended",
  "cancelled",
  "deleted",
] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export type ParameterValue = string | number | boolean;

export interface Service {
  id: string;
  accountId: string;
  productId: string;
  label: string | null;
  status: ServiceStatus;
  parameters: Record<string, ParameterValue>;
  price: { amount: number; currency: string };
  periodMonths: number;
  paidUntil: number | null;
  autoRenew: boolean;
  createdAt: number;
}

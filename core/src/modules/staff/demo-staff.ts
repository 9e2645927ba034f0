/** The demo brand's staff member, created by `cabinet seed` and `cabinet demo`; the demo banner prints this sign-in. */
export const demoStaff = {
  brandSlug: "demo",
  email: "finance@northwind.example",
  name: "Frank Olsen",
  role: "finance",
  password: "northwind-staff",
} as const;

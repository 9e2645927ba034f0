// A realistic one-page invoice, as the core's Handlebars template would render it: the
// provider's header, the client's address, 5–10 lines, VAT and totals, inline CSS and
// system fonts only (the renderer fetches nothing). Numbers vary with `n`, deterministically.

const items = [
  ["VPS S — 2 vCPU, 4 GB RAM, 80 GB NVMe", 990],
  ["VPS M — 4 vCPU, 8 GB RAM, 160 GB NVMe", 1790],
  ["Dedicated server EX-44 (monthly)", 4490],
  ["Domain registration .com (1 year)", 1199],
  ["Domain renewal .de (1 year)", 699],
  ["Additional IPv4 address", 200],
  ["Daily backups (100 GB)", 450],
  ["Managed SSL certificate", 900],
  ["Web hosting Business", 1290],
  ["Object storage (per 250 GB)", 499],
  ["Setup fee", 1500],
  ["Snapshot storage (per 10 GB)", 120],
];

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const money = (cents) => `€ ${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;

/** A small deterministic generator, so every run prints the same 200 documents. */
function numbers(seed) {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => ((state = (state * 1664525 + 1013904223) >>> 0), state / 2 ** 32);
}

export function invoiceHtml(n) {
  const random = numbers(n + 1);
  const lineCount = 5 + Math.floor(random() * 6);
  const lines = Array.from({ length: lineCount }, () => {
    const [description, unit] = items[Math.floor(random() * items.length)];
    const quantity = 1 + Math.floor(random() * 4);
    return { description, quantity, unit, amount: unit * quantity };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const vat = Math.round(subtotal * 0.19);
  const number = `INV-2025-${String(10_000 + n).padStart(6, "0")}`;
  const day = String(1 + (n % 28)).padStart(2, "0");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${number}</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #1f2933; margin: 0; }
  header { display: flex; justify-content: space-between; border-bottom: 3px solid #0b6bcb; padding-bottom: 10px; }
  .brand { font-size: 18pt; font-weight: 700; color: #0b6bcb; }
  .muted { color: #66788a; font-size: 8.5pt; line-height: 1.45; }
  .parties { display: flex; justify-content: space-between; margin: 22px 0; }
  h1 { font-size: 16pt; margin: 0 0 4px; }
  table { width: 100%; border-collapse: collapse; margin-top: 8px; }
  th { background: #eef4fb; text-align: left; font-size: 8.5pt; text-transform: uppercase; letter-spacing: .03em; }
  th, td { padding: 7px 8px; border-bottom: 1px solid #dde3ea; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  tfoot td { border: none; padding: 4px 8px; }
  tfoot tr.total td { font-size: 12pt; font-weight: 700; border-top: 2px solid #1f2933; padding-top: 8px; }
  footer { margin-top: 36px; border-top: 1px solid #dde3ea; padding-top: 8px; }
  .badge { display: inline-block; background: #fdf1d6; color: #8a5a00; border-radius: 3px; padding: 2px 6px; font-size: 8pt; }
</style></head>
<body>
<header>
  <div><div class="brand">Northwind Hosting</div>
    <div class="muted">Northwind Hosting GmbH · Rechenzentrumstr. 12 · 10115 Berlin · Germany<br>
    VAT DE 312 456 789 · billing@northwind.example · +49 30 1234 5678</div></div>
  <div style="text-align:right"><h1>Invoice</h1><div>${number}</div><span class="badge">Due in 14 days</span></div>
</header>
<section class="parties">
  <div><div class="muted">Billed to</div><strong>${escape(`Customer ${n} Ltd`)}</strong><br>
    ${10 + (n % 90)} Harbour Road<br>D0${n % 9} X${100 + (n % 800)} Dublin<br>Ireland · VAT IE ${1_000_000 + n * 37}</div>
  <div class="muted" style="text-align:right">Invoice date 2025-03-${day}<br>Service period March 2025<br>Client number CL-${5000 + n}</div>
</section>
<table>
  <thead><tr><th>#</th><th>Description</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead>
  <tbody>${lines
    .map((l, i) => `<tr><td>${i + 1}</td><td>${escape(l.description)}</td><td class="num">${l.quantity}</td><td class="num">${money(l.unit)}</td><td class="num">${money(l.amount)}</td></tr>`)
    .join("")}</tbody>
  <tfoot>
    <tr><td colspan="4" class="num">Subtotal</td><td class="num">${money(subtotal)}</td></tr>
    <tr><td colspan="4" class="num">VAT 19 %</td><td class="num">${money(vat)}</td></tr>
    <tr class="total"><td colspan="4" class="num">Total due</td><td class="num">${money(subtotal + vat)}</td></tr>
  </tfoot>
</table>
<footer class="muted">Please pay ${money(subtotal + vat)} by bank transfer to IBAN DE89 3704 0044 0532 0130 00 (BIC COBADEFFXXX),
quoting ${number}. Thank you for hosting with Northwind. Questions about this invoice: billing@northwind.example.</footer>
</body></html>`;
}

/**
 * Gives each cell of a widget's tables (those in a `.table-wrap`) its column's name as
 * `data-label`, from the header row, and marks a table of three columns or more `data-stack`:
 * on a narrow screen the theme stacks such a table's rows into cards (theme/blocks.ts,
 * `tables`), each cell showing its column's name beside its value; two columns fit as they are.
 * Rows with a cell spanning columns are left as they are.
 */
export function labelTableCells(root: ParentNode | null): void {
  if (!root) return;
  for (const table of root.querySelectorAll<HTMLTableElement>(".table-wrap > table")) {
    const header = table.tHead?.rows[table.tHead.rows.length - 1];
    if (!header) continue;
    const names = [...header.cells].map((cell) => (cell.textContent ?? "").trim());
    if (names.length > 2) table.dataset.stack = "";
    else delete table.dataset.stack;
    for (const section of [...table.tBodies, ...(table.tFoot ? [table.tFoot] : [])]) {
      for (const row of section.rows) {
        const cells = [...row.cells];
        if (cells.length !== names.length || cells.some((cell) => cell.colSpan > 1)) continue;
        cells.forEach((cell, i) => {
          if (names[i] && cell.dataset.label !== names[i]) cell.dataset.label = names[i];
        });
      }
    }
  }
}

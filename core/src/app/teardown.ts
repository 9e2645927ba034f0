/**
 * What undoes the start-up so far, run in reverse order: every step that opens or starts
 * something adds its undo here at once, so a failure half-way through start-up closes
 * exactly what was opened, and `stop()` runs the same list.
 */
export class Teardown {
  private readonly steps: { name: string; undo: () => unknown }[] = [];

  add(name: string, undo: () => unknown): void {
    this.steps.push({ name, undo });
  }

  /** Runs every undo, last added first; an undo that fails does not keep the ones after it from running. */
  async run(): Promise<void> {
    let firstError: unknown;
    for (const { undo } of this.steps.splice(0).reverse()) {
      try {
        await undo();
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
  }
}

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Frame } from 'playwright-core';

const require = createRequire(import.meta.url);

export interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core inside `frame` on the element `selector` names; returns the violations, if any. */
export async function axeViolations(frame: Frame, selector: string): Promise<AxeViolation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await frame.evaluate(source);
  return frame.evaluate(async (context) => {
    const axe = (
      window as unknown as { axe: { run(context: string): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(context);
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, selector);
}

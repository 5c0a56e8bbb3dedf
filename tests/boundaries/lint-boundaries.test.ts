/**
 * The layer boundaries in eslint.config.js, run through ESLint itself: each block must keep the
 * restrictions every browser file has (flat config replaces a rule's options per block, so a block
 * that forgot them once let src/domain import from tests/).
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

// Only the import rule, without type information: the probe files do not exist on disk.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: tseslint.configs.disableTypeChecked,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

/** The no-restricted-imports messages for a file at `filePath` holding one import of `source`. */
async function importProblems(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${source}';\nexport const y = x;\n`, {
    filePath: join(ROOT, filePath),
  });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

async function expectRefused(filePath: string, source: string): Promise<void> {
  const problems = await importProblems(filePath, source);
  expect(problems, `${filePath} importing ${source}`).toHaveLength(1);
  expect(problems[0]).toMatch(/^no-restricted-imports: /);
}

async function expectAllowed(filePath: string, source: string): Promise<void> {
  expect(await importProblems(filePath, source), `${filePath} importing ${source}`).toEqual([]);
}

describe('the lint boundaries', () => {
  it('refuses a src/domain file importing from tests/ or mocks/', async () => {
    await expectRefused('src/domain/probe.ts', '../../tests/support/memory-storage');
    await expectRefused('src/domain/probe.ts', '../../mocks/fixtures/drafts');
  });

  it('refuses a src/domain file importing src/fhir, src/ui, Preact or fhirclient', async () => {
    await expectRefused('src/domain/probe.ts', '../fhir/smart-session');
    await expectRefused('src/domain/probe.ts', '../ui/App');
    await expectRefused('src/domain/probe.ts', 'preact');
    await expectRefused('src/domain/probe.ts', 'fhirclient');
  });

  it('refuses a src/domain file importing Node or the Node tooling', async () => {
    await expectRefused('src/domain/probe.ts', 'node:fs');
    await expectRefused('src/domain/probe.ts', '../../scripts/deploy/security-headers');
  });

  it('lets a src/domain file import its neighbours, fhir-profiles and the FHIR types', async () => {
    await expectAllowed('src/domain/probe.ts', './guards');
    await expectAllowed('src/domain/probe.ts', '../../fhir-profiles/package.json');
    await expectAllowed('src/domain/probe.ts', 'fhir/r4');
  });

  it('refuses a src/fhir file importing from tests/, mocks/ or src/ui', async () => {
    await expectRefused('src/fhir/probe.ts', '../../tests/support/fake-smart-client');
    await expectRefused('src/fhir/probe.ts', '../../mocks/fixtures/drafts');
    await expectRefused('src/fhir/probe.ts', '../ui/App');
    await expectAllowed('src/fhir/probe.ts', '../domain/guards');
  });

  it('refuses the UI, the launch page and the registration sheet importing tests/, mocks/ or Node', async () => {
    for (const file of ['src/ui/probe.ts', 'launch/probe.ts', 'registration/probe.ts']) {
      await expectRefused(file, '../../tests/support/memory-storage');
      await expectRefused(file, '../../mocks/fixtures/drafts');
      await expectRefused(file, 'node:path');
    }
  });

  it('refuses mocks/ importing scripts/ outside the stated seam', async () => {
    await expectRefused('mocks/sandbox/probe.ts', '../../scripts/deploy/security-headers');
    await expectRefused('mocks/fixtures/probe.ts', '../../scripts/profiles/validation/profile-validator');
    await expectAllowed('mocks/sandbox/scripts-seam.ts', '../../scripts/deploy/security-headers');
  });

  it('refuses scripts/ importing the fakes, except the bench and the demo build', async () => {
    await expectRefused('scripts/preflight/probe.ts', '../../mocks/sandbox/server');
    await expectRefused('scripts/profiles/probe.ts', '../../mocks/fixtures/drafts');
    await expectAllowed('scripts/bench/probe.ts', '../../mocks/sandbox/server');
  });
});

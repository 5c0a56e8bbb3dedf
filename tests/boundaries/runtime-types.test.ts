/**
 * Browser code is type-checked without Node's types (tsconfig.browser.json), Node code with them
 * (tsconfig.node.json). A probe file under src/ is compiled with each config's options, so the test
 * fails if Node's types creep back into the browser program, e.g. through a dependency's typings.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PROBES = {
  // fhirclient is imported on purpose: its default typings reference Node's.
  globals: `import FHIR from 'fhirclient';
export const probe = [FHIR.oauth2, process.env.PROBE, Buffer.from('probe')];
`,
  module: `import { readFileSync } from 'node:fs';
export const probe = readFileSync;
`,
};
type Probe = keyof typeof PROBES;
const probePath = (probe: Probe) => join(ROOT, 'src', `runtime-types-probe-${probe}.ts`);

/** The compiler's messages for each probe, compiled as files under src/ with `config`'s options. */
function compile(config: string): Record<Probe, string[]> {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, config), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined) {
    throw new Error(`${config} could not be read.`);
  }
  const texts = new Map(Object.entries(PROBES).map(([probe, text]) => [probePath(probe as Probe), text]));
  const host = ts.createCompilerHost(parsed.options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (name) => texts.has(name) || fileExists(name);
  host.readFile = (name) => texts.get(name) ?? readFile(name);
  const program = ts.createProgram({ rootNames: [...texts.keys()], options: parsed.options, host });
  const messages = (probe: Probe) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(probePath(probe)))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  return { globals: messages('globals'), module: messages('module') };
}

// One program per config (each takes seconds); the tests read their probe's messages.
const browser = compile('tsconfig.browser.json');
const node = compile('tsconfig.node.json');

describe('types per runtime', () => {
  it('refuses process and Buffer in browser code, even beside fhirclient', () => {
    expect(browser.globals).toEqual([
      expect.stringContaining("Cannot find name 'process'"),
      expect.stringContaining("Cannot find name 'Buffer'"),
    ]);
  });

  it('refuses node: modules in browser code', () => {
    expect(browser.module).toEqual([expect.stringContaining("Cannot find module 'node:fs'")]);
  });

  it('gives Node code its types', () => {
    expect(node.globals).toEqual([]);
    expect(node.module).toEqual([]);
  });
});

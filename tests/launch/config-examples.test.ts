import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../launch/runtime-config';
import { requestedScope } from '../../launch/scopes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IT_DOCS = join(ROOT, 'docs', 'it');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

interface Example {
  readonly where: string;
  readonly json: string;
}

/**
 * The runtime configurations shown to IT: every peerbridge.config*.json under docs/it/, and every
 * fenced `json` block in its Markdown that has an "issuers" key (other pages show other JSON files,
 * such as the deploy configuration, which are checked where they are documented).
 */
async function runtimeConfigExamples(): Promise<Example[]> {
  const examples: Example[] = [];
  for (const file of await filesUnder(IT_DOCS)) {
    const where = relative(ROOT, file);
    const text = await readFile(file, 'utf8');
    if (/peerbridge\.config[^/]*\.json$/.test(file)) {
      examples.push({ where, json: text });
    }
    if (file.endsWith('.md')) {
      for (const match of text.matchAll(/^```json\n([\s\S]*?)^```$/gm)) {
        const json = match[1] ?? '';
        if (json.includes('"issuers"')) {
          examples.push({ where: `${where}, line ${text.slice(0, match.index).split('\n').length}`, json });
        }
      }
    }
  }
  return examples;
}

const examples = await runtimeConfigExamples();

describe('the runtime configuration examples in docs/it/', () => {
  it('include the example file and the examples in configure.md', () => {
    const places = examples.map((example) => example.where);
    expect(places).toContain(join('docs', 'it', 'examples', 'peerbridge.config.example.json'));
    expect(
      places.filter((place) => place.startsWith(join('docs', 'it', 'configure.md'))).length,
    ).toBeGreaterThan(1);
  });

  it.each(examples.map((example) => [example.where, example.json] as const))(
    'parse with parseRuntimeConfig: %s',
    (_where, json) => {
      expect(() => parseRuntimeConfig(JSON.parse(json))).not.toThrow();
    },
  );

  it('match the example file where configure.md shows it whole', async () => {
    const file = await readFile(join(IT_DOCS, 'examples', 'peerbridge.config.example.json'), 'utf8');
    const configure = examples.filter((example) =>
      example.where.startsWith(join('docs', 'it', 'configure.md')),
    );
    expect(configure.map((example) => JSON.parse(example.json) as unknown)).toContainEqual(JSON.parse(file));
  });

  it('override scopes only with scopes PeerBridge asks for, so they follow launch/scopes.ts', () => {
    const known = new Set(
      (['v1', 'v2'] as const).flatMap((style) =>
        (['ehr', 'standalone'] as const).flatMap((kind) => requestedScope(style, kind).split(' ')),
      ),
    );
    for (const example of examples) {
      for (const issuer of parseRuntimeConfig(JSON.parse(example.json)).issuers) {
        for (const scope of issuer.scope?.split(' ') ?? []) {
          expect(known, `${scope} in ${example.where}`).toContain(scope);
        }
      }
    }
  });
});

/**
 * The registration sheet laid out once, as headings, paragraphs, tables and code blocks, so that the
 * Markdown of `npm run registration` and the HTML of registration/index.html say exactly the same.
 */
import type { RegistrationSheet } from './registration-sheet';

/** A cell is text, or a value to copy verbatim (a URL or a scope), shown as code. */
export type SheetCell = string | { readonly code: string };

export interface SheetTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly SheetCell[])[];
}

export interface SheetCode {
  readonly label: string;
  readonly text: string;
}

export interface SheetSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly table?: SheetTable;
  readonly code?: readonly SheetCode[];
}

export interface SheetLayout {
  readonly title: string;
  readonly intro: readonly string[];
  readonly sections: readonly SheetSection[];
}

const code = (text: string): SheetCell => ({ code: text });

function appSection(sheet: RegistrationSheet): SheetSection {
  return {
    heading: 'The app',
    paragraphs: [],
    table: {
      headers: ['Field', 'Value'],
      rows: [
        ['App name', sheet.app.name],
        ['Description', sheet.app.description],
        ['Launch URL', code(sheet.launchUrl)],
        ...sheet.redirectUris.map((uri): SheetCell[] => ['Redirect URI', code(uri)]),
        ['Client type', 'Public: no client secret (token endpoint auth method "none")'],
        ['PKCE', `Required, code challenge method ${sheet.client.pkce}`],
        ['FHIR version', `${sheet.fhirVersion.release} (${sheet.fhirVersion.version})`],
        ['SMART launch types', sheet.launchTypes.map((type) => type.name).join(', ')],
      ],
    },
  };
}

function launchSection(sheet: RegistrationSheet): SheetSection {
  return {
    heading: 'Launch types',
    paragraphs: [],
    table: {
      headers: ['Launch type', 'Starts at', 'How'],
      rows: sheet.launchTypes.map((type) => [type.name, code(type.startUrl), type.note]),
    },
  };
}

function contextScopeSection(sheet: RegistrationSheet): SheetSection {
  return {
    heading: 'Launch, identity and session scopes',
    paragraphs: ['The same in SMART v1 and v2.'],
    table: {
      headers: ['Scope', 'Why'],
      rows: sheet.scopes.context.map((line) => [code(line.scope), line.reason]),
    },
  };
}

function resourceScopeSection(sheet: RegistrationSheet): SheetSection {
  return {
    heading: 'Resource scopes',
    paragraphs: [
      'PeerBridge asks for SMART v2 scopes when the EHR’s .well-known/smart-configuration lists permission-v2, and for the v1 equivalents otherwise. Register the style your EHR uses (or both, if it accepts both).',
    ],
    table: {
      headers: ['v2 scope', 'v1 scopes', 'Why'],
      rows: sheet.scopes.resources.map((line) => [code(line.v2), code(line.v1.join(' ')), line.reason]),
    },
  };
}

function requestedSection(sheet: RegistrationSheet): SheetSection {
  const { v1, v2 } = sheet.scopes.requested;
  return {
    heading: 'The scope parameter PeerBridge sends',
    paragraphs: [
      'Exactly as sent in the authorization request; a "scope" in peerbridge.config.json replaces it for one issuer.',
    ],
    code: [
      { label: 'EHR launch, SMART v2', text: v2.ehr },
      { label: 'Standalone launch, SMART v2', text: v2.standalone },
      { label: 'EHR launch, SMART v1', text: v1.ehr },
      { label: 'Standalone launch, SMART v1', text: v1.standalone },
    ],
  };
}

function writesSection(sheet: RegistrationSheet): SheetSection {
  return {
    heading: 'What PeerBridge writes',
    paragraphs: [
      `Resource types it creates or updates: ${sheet.writes.resourceTypes.join(', ')}. What it writes conforms to these profiles (FHIR ${sheet.fhirVersion.version}):`,
    ],
    table: {
      headers: ['Profile', 'Constrains', 'Canonical URL'],
      rows: sheet.writes.profiles.map((profile) => [profile.title, profile.type, code(profile.url)]),
    },
  };
}

export function registrationSections(sheet: RegistrationSheet): SheetLayout {
  const placeholder = sheet.baseUrlIsPlaceholder
    ? [
        `The addresses below use the placeholder ${sheet.baseUrl}: run "npm run registration -- --base-url https://<where you host PeerBridge>/" for yours.`,
      ]
    : [];
  return {
    title: `${sheet.app.name}: app registration sheet`,
    intro: [
      'Everything an EHR’s app registration asks for, generated from the code that launches PeerBridge.',
      ...placeholder,
    ],
    sections: [
      appSection(sheet),
      launchSection(sheet),
      contextScopeSection(sheet),
      resourceScopeSection(sheet),
      requestedSection(sheet),
      writesSection(sheet),
    ],
  };
}

/** Angle brackets would start raw HTML and a bar would end a table cell; backslashes keep them text. */
function escapeText(text: string): string {
  return text.replace(/[\\|<>]/g, (char) => `\\${char}`);
}

function markdownCell(cell: SheetCell): string {
  return typeof cell === 'string' ? escapeText(cell) : `\`${cell.code.replace(/\|/g, '\\|')}\``;
}

function markdownTable(table: SheetTable): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    row(table.headers.map(escapeText)),
    row(table.headers.map(() => '---')),
    ...table.rows.map((cells) => row(cells.map(markdownCell))),
  ];
}

export function renderMarkdown(layout: SheetLayout): string {
  const blocks: string[][] = [[`# ${escapeText(layout.title)}`], ...layout.intro.map((p) => [escapeText(p)])];
  for (const section of layout.sections) {
    blocks.push([`## ${escapeText(section.heading)}`]);
    blocks.push(...section.paragraphs.map((p) => [escapeText(p)]));
    if (section.table) {
      blocks.push(markdownTable(section.table));
    }
    for (const snippet of section.code ?? []) {
      blocks.push([`${escapeText(snippet.label)}:`], ['```text', snippet.text, '```']);
    }
  }
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

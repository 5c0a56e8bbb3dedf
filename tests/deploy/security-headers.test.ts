import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../launch/runtime-config';
import { DeployConfigError, parseDeployConfig } from '../../scripts/deploy/deploy-config';
import { renderNginxConfig } from '../../scripts/deploy/nginx-config';
import {
  cacheControlFor,
  contentSecurityPolicy,
  securityHeaders,
} from '../../scripts/deploy/security-headers';

const runtime = parseRuntimeConfig({
  issuers: [
    { iss: 'https://fhir.riverside.example/api/FHIR/R4', clientId: 'a', label: 'Production' },
    { iss: 'https://fhir.riverside.example/api/FHIR/R4-test', clientId: 'b', label: 'Test' },
    { iss: 'https://fhir-ehr.oracle.example/r4/ec2458f2', clientId: 'c' },
  ],
});

function directive(policy: string, name: string): string | undefined {
  return policy
    .split('; ')
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);
}

describe('contentSecurityPolicy', () => {
  it('allows fetches to each FHIR origin once, and nothing inline', () => {
    const policy = contentSecurityPolicy({ runtime, https: true });

    expect(directive(policy, 'connect-src')).toBe(
      "'self' https://fhir.riverside.example https://fhir-ehr.oracle.example",
    );
    expect(directive(policy, 'default-src')).toBe("'none'");
    expect(directive(policy, 'script-src')).toBe("'self'");
    expect(directive(policy, 'style-src')).toBe("'self'");
    expect(directive(policy, 'base-uri')).toBe("'none'");
    expect(directive(policy, 'object-src')).toBe("'none'");
    expect(policy).not.toMatch(/unsafe/);
  });

  it('requires Trusted Types and allows no policy in the production build', () => {
    const policy = contentSecurityPolicy({ runtime, https: true });

    expect(directive(policy, 'require-trusted-types-for')).toBe("'script'");
    expect(directive(policy, 'trusted-types')).toBe("'none'");
  });

  it('allows only the Trusted Types policies a build names', () => {
    const policy = contentSecurityPolicy({ runtime, https: true, trustedTypesPolicies: ['one-sink'] });

    expect(directive(policy, 'trusted-types')).toBe('one-sink');
  });

  it('adds the EHR pages that frame PeerBridge and an authorization server on another origin', () => {
    const deploy = parseDeployConfig({
      frameAncestors: ['https://ehr.riverside.example'],
      extraConnectSrc: ['https://auth.riverside.example'],
    });
    const policy = contentSecurityPolicy({ runtime, deploy, https: true });

    expect(directive(policy, 'frame-ancestors')).toBe("'self' https://ehr.riverside.example");
    expect(directive(policy, 'connect-src')).toContain('https://auth.riverside.example');
    expect(directive(policy, 'form-action')).toContain('https://auth.riverside.example');
  });

  it('lets no FHIR origin frame PeerBridge, only PeerBridge itself, until IT lists the EHR pages', () => {
    expect(directive(contentSecurityPolicy({ runtime, https: true }), 'frame-ancestors')).toBe("'self'");
    const policy = contentSecurityPolicy({ runtime: { issuers: [] }, https: true });
    expect(directive(policy, 'frame-ancestors')).toBe("'self'");
    expect(directive(policy, 'connect-src')).toBe("'self'");
  });
});

describe('securityHeaders', () => {
  it('sends Strict-Transport-Security only over https', () => {
    expect(securityHeaders({ runtime, https: true })['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(securityHeaders({ runtime, https: false })['Strict-Transport-Security']).toBeUndefined();
  });

  it('keeps popups PeerBridge opens itself and turns off device features', () => {
    const headers = securityHeaders({ runtime, https: true });

    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin-allow-popups');
    expect(headers['Permissions-Policy']).toContain('camera=()');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('cacheControlFor', () => {
  it('caches content-hashed assets for a year', () => {
    expect(cacheControlFor('/assets/app-B71Lzf0w.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/peerbridge/assets/styles-C7iZQZM1.css')).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('revalidates the pages and the runtime configuration', () => {
    expect(cacheControlFor('/')).toBe('no-cache');
    expect(cacheControlFor('/launch/index.html')).toBe('no-cache');
    expect(cacheControlFor('/peerbridge.config.json')).toBe('no-cache');
  });
});

describe('parseDeployConfig', () => {
  it('names the bad entry when an origin has a path', () => {
    expect(() => parseDeployConfig({ frameAncestors: ['https://ehr.example.org/epic'] })).toThrow(
      'frameAncestors[0] must be an origin without a path: use "https://ehr.example.org"',
    );
  });

  it('refuses plain http away from localhost', () => {
    expect(() => parseDeployConfig({ extraConnectSrc: ['http://auth.example.org'] })).toThrow(
      /extraConnectSrc\[0\] must use https/,
    );
  });

  it('names an unknown key', () => {
    expect(() => parseDeployConfig({ frameAncestor: [] })).toThrow(DeployConfigError);
    expect(() => parseDeployConfig({ frameAncestor: [] })).toThrow(/^frameAncestor is not a known setting/);
  });

  it('reads an empty object as nothing to add', () => {
    expect(parseDeployConfig({})).toEqual({ frameAncestors: [], extraConnectSrc: [] });
  });
});

describe('renderNginxConfig', () => {
  it('sends every header on both locations, with their own cache rules and no directory listing', () => {
    const conf = renderNginxConfig({ headers: securityHeaders({ runtime, https: true }) });

    expect(conf.match(/add_header Content-Security-Policy "default-src 'none';/g)).toHaveLength(2);
    expect(conf).toContain('add_header Cache-Control "public, max-age=31536000, immutable" always;');
    expect(conf).toContain('add_header Cache-Control "no-cache" always;');
    expect(conf).toContain('autoindex off;');
    expect(conf).toContain('try_files $uri $uri/ =404;');
  });
});

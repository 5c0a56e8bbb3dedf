/** Paths on the EHR origin; the public endpoint URLs are these joined to `options.origin`. */
export const AUTH_PATHS = {
  authorize: '/auth/authorize',
  signIn: '/auth/authorize/sign-in',
  patient: '/auth/authorize/patient',
  consent: '/auth/authorize/consent',
  token: '/auth/token',
  register: '/auth/register',
  jwks: '/auth/jwks',
  stylesheet: '/auth/auth.css',
  openidConfiguration: '/auth/.well-known/openid-configuration',
} as const;

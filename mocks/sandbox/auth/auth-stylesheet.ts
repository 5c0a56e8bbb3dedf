/** Served from /auth/auth.css rather than inline, so the pages work under `default-src 'self'`. */
export const AUTH_STYLESHEET = `
:root { font-family: system-ui, sans-serif; color: #1b2733; background: #f3f5f7; }
body { margin: 0; }
.bar { background: #1f4e79; color: #fff; padding: 0.75rem 1.5rem; font-weight: 600; }
main { max-width: 36rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 6px;
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
h1 { font-size: 1.35rem; margin-top: 0; }
h2 { font-size: 1.05rem; }
label { display: block; margin-top: 0.75rem; font-weight: 600; }
input[type='text'], input[type='password'] { width: 100%; box-sizing: border-box; padding: 0.45rem;
  font-size: 1rem; border: 1px solid #8a98a6; border-radius: 4px; }
fieldset { border: 1px solid #c8d0d8; border-radius: 4px; }
fieldset label { display: flex; gap: 0.5rem; font-weight: 400; margin: 0.4rem 0; }
button { margin-top: 1rem; margin-right: 0.5rem; padding: 0.5rem 1.2rem; font-size: 1rem; border-radius: 4px;
  border: 1px solid #1f4e79; background: #1f4e79; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #1f4e79; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.error { color: #a4000f; font-weight: 600; }
.hint { margin-top: 2rem; border-top: 1px solid #dde3e8; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e4e8ec; }
code { font-size: 0.95em; }
`;

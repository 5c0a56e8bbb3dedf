/** Served from /ehr/ehr.css so the pages need no inline style under `default-src 'self'`. */
export const EHR_STYLESHEET = `
:root { font-family: system-ui, sans-serif; color: #1b2733; background: #eef1f4; }
body { margin: 0; }
.topbar { display: flex; align-items: center; justify-content: space-between; gap: 1rem;
  background: #12385c; color: #fff; padding: 0.6rem 1.25rem; }
.topbar .brand { font-weight: 700; }
.topbar form { margin: 0; }
.topbar a { color: #fff; }
.topbar button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px;
  padding: 0.25rem 0.75rem; cursor: pointer; font-size: 0.9rem; }
main { padding: 1rem 1.25rem; }
.card { background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); padding: 1.25rem 1.5rem; }
.narrow { max-width: 32rem; margin: 2rem auto; }
h1 { font-size: 1.35rem; margin-top: 0; }
h2 { font-size: 1.1rem; }
label { display: block; margin-top: 0.75rem; font-weight: 600; }
input[type='text'], input[type='password'] { width: 100%; box-sizing: border-box; padding: 0.45rem;
  font-size: 1rem; border: 1px solid #8a98a6; border-radius: 4px; }
.primary { margin-top: 1rem; padding: 0.5rem 1.2rem; font-size: 1rem; border-radius: 4px; border: 1px solid #12385c;
  background: #12385c; color: #fff; cursor: pointer; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.error { color: #a4000f; font-weight: 600; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid #e0e5ea; }
.banner { display: flex; flex-wrap: wrap; gap: 0.4rem 2rem; align-items: baseline; background: #fff8e1;
  border: 1px solid #e6c65c; border-radius: 6px; padding: 0.6rem 1rem; margin-bottom: 0.75rem; }
.banner .patient-name { font-size: 1.25rem; font-weight: 700; margin: 0; }
.banner dl { display: flex; gap: 1.5rem; margin: 0; }
.banner dt { font-size: 0.8rem; color: #5a6672; }
.banner dd { margin: 0; font-weight: 600; }
.tabs { display: flex; gap: 0.25rem; border-bottom: 2px solid #12385c; margin-bottom: 0.75rem; padding: 0;
  list-style: none; }
.tabs a { display: block; padding: 0.45rem 1rem; text-decoration: none; color: #12385c; border-radius: 4px 4px 0 0; }
.tabs a[aria-current='page'] { background: #12385c; color: #fff; }
.app-frame { display: block; width: 100%; height: 85vh; border: 1px solid #c8d0d8; border-radius: 4px;
  background: #fff; }
.app-links { margin: 0.5rem 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.account { display: flex; align-items: center; gap: 0.75rem; }
`;

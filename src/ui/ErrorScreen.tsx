import type { Screen } from './screen';

type ErrorProps = Extract<Screen, { kind: 'error' }>;

function relaunchHref(iss: string): string {
  const url = new URL('launch/', window.location.href);
  url.searchParams.set('iss', iss);
  return url.href;
}

export function ErrorScreen({ title, message, detail, relaunchIss }: ErrorProps) {
  return (
    <main class="screen-message" aria-labelledby="error-title">
      <section class="message message--error" role="alert">
        <h1 id="error-title">{title}</h1>
        <p>{message}</p>
        {detail ? <p class="detail">{detail}</p> : null}
        {relaunchIss ? (
          <p>
            <a href={relaunchHref(relaunchIss)}>Sign in to PeerBridge again</a>
          </p>
        ) : null}
      </section>
    </main>
  );
}

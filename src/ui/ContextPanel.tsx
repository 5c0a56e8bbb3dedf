import type { ComponentChildren } from 'preact';
import { encounterLabel } from '../domain/encounter-label';
import { formatCodeableConcept, formatPeriodStart } from '../domain/format';
import type { ContextSection, PatientContext } from '../domain/patient-context';
import { nameOf, personName, type NameDirectory } from '../domain/person-names';

interface SectionProps {
  title: string;
  id: string;
  unavailable: boolean;
  emptyText: string;
  count: number;
  children: ComponentChildren;
}

function ContextSectionBox({ title, id, unavailable, emptyText, count, children }: SectionProps) {
  let body: ComponentChildren = children;
  if (unavailable) {
    body = <p class="muted">The EHR did not share this with PeerBridge.</p>;
  } else if (count === 0) {
    body = <p class="muted">{emptyText}</p>;
  }
  return (
    <section class="context-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {body}
    </section>
  );
}

interface ContextPanelProps {
  context: PatientContext;
  /** Names read after the first screen (names-model.ts); the context's own until then. */
  names?: NameDirectory;
  /** Offered to peers: reopen a saved peer note (a draft to finish, or a note to amend). */
  onOpenPeerContact?: (encounterId: string) => void;
}

export function ContextPanel({ context, names = context.names, onOpenPeerContact }: ContextPanelProps) {
  const isUnavailable = (section: ContextSection) => context.unavailable.includes(section);
  return (
    <div class="context-panel">
      <ContextSectionBox
        title="Active problems"
        id="ctx-problems"
        unavailable={isUnavailable('problems')}
        emptyText="No active problems recorded."
        count={context.problems.length}
      >
        <ul>
          {context.problems.map((problem, index) => (
            <li key={problem.id ?? index}>{formatCodeableConcept(problem.code) || 'Unnamed problem'}</li>
          ))}
        </ul>
      </ContextSectionBox>
      <ContextSectionBox
        title="Recovery goals"
        id="ctx-goals"
        unavailable={isUnavailable('goals')}
        emptyText="No goals recorded yet."
        count={context.goals.length}
      >
        <ul>
          {context.goals.map((goal, index) => (
            <li key={goal.id ?? index}>
              <span class="goal-text">
                {formatCodeableConcept(goal.description) || 'Goal without a description'}
              </span>
              {goal.achievementStatus ? (
                <span class="tag">{formatCodeableConcept(goal.achievementStatus)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </ContextSectionBox>
      <ContextSectionBox
        title="Care team"
        id="ctx-care-team"
        unavailable={isUnavailable('careTeam')}
        emptyText="No care team recorded."
        count={context.careTeam.length}
      >
        <ul>
          {context.careTeam.map((member) => (
            <li key={`${member.reference ?? member.name}|${member.role}`}>
              {personName(names, { reference: member.reference }) ?? member.name}
              {member.role ? <span class="muted"> · {member.role}</span> : null}
            </li>
          ))}
        </ul>
      </ContextSectionBox>
      <ContextSectionBox
        title="Recent peer contacts"
        id="ctx-peer-contacts"
        unavailable={isUnavailable('peerContacts')}
        emptyText="No peer contacts recorded yet."
        count={context.peerContacts.length}
      >
        <ul>
          {context.peerContacts.map((encounter, index) => (
            <li key={encounter.id ?? index}>
              <time dateTime={encounter.period?.start}>{formatPeriodStart(encounter.period)}</time>
              {encounter.participant?.[0]?.individual ? (
                <span class="muted">
                  {' '}
                  · {nameOf(names, encounter.participant[0].individual, 'A peer support specialist')}
                </span>
              ) : null}
              {encounter.status === 'in-progress' ? <span class="tag">draft</span> : null}
              {onOpenPeerContact && encounter.id ? (
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    if (encounter.id) {
                      onOpenPeerContact(encounter.id);
                    }
                  }}
                >
                  {encounter.status === 'in-progress' ? 'Continue this draft' : 'Open'}
                  <span class="visually-hidden"> peer contact of {formatPeriodStart(encounter.period)}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </ContextSectionBox>
      <ContextSectionBox
        title="Recent clinical encounters"
        id="ctx-encounters"
        unavailable={isUnavailable('encounters')}
        emptyText="No encounters recorded."
        count={context.recentEncounters.length}
      >
        <ul>
          {context.recentEncounters.map((encounter, index) => (
            <li key={encounter.id ?? index}>
              <time dateTime={encounter.period?.start}>{formatPeriodStart(encounter.period)}</time>{' '}
              {encounterLabel(encounter)}
              {encounter.participant?.[0]?.individual ? (
                <span class="muted"> · {nameOf(names, encounter.participant[0].individual)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </ContextSectionBox>
    </div>
  );
}

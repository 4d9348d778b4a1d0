import { useState } from 'preact/hooks';
import type { HandoffGroup, HandoffItem } from '../../../shared/src/contract/types';
import { useAgents } from '../hooks/useAgents';
import type { KnowledgeBaseSummary } from '../lib/api';
import { formatTime } from '../lib/format';
import { BASE } from '../lib/router';
import { Link } from './Link';
import { TeachForm } from './TeachForm';

interface Props {
  groups: HandoffGroup[];
  knowledgeBases: KnowledgeBaseSummary[];
  /** Something was taught: the report and the suggestions change. */
  onTaught: () => void;
}

function Item({ item, knowledgeBases, onTaught }: { item: HandoffItem; knowledgeBases: KnowledgeBaseSummary[]; onTaught: () => void }) {
  const { byId } = useAgents();
  const agent = byId.get(item.agentId);
  const [teaching, setTeaching] = useState<number | null>(null);
  const [taught, setTaught] = useState<string | null>(null);
  const agentKbs = knowledgeBases.filter((kb) => agent?.knowledgeBaseIds.includes(kb.id));
  return (
    <li class="handoff" data-testid="handoff-item">
      <p class="handoff__meta muted small">
        <Link href={`${BASE}/sessions/${item.sessionId}`}>{item.customerId}</Link> · {agent?.name ?? 'agent'} · {formatTime(item.handedOffAt)}
      </p>
      <p class="handoff__question">
        <span class="muted small">Customer:</span> {item.question ?? <em class="muted">(no question before the handoff)</em>}
      </p>
      {item.humanReplies.length === 0 && <p class="muted small">No one answered in this conversation.</p>}
      {item.humanReplies.map((reply, i) => (
        <div key={i} class="handoff__reply">
          <p data-testid="handoff-reply">
            <span class="muted small">{reply.author ?? 'Operator'}:</span> {reply.text}
          </p>
          {teaching === i ? (
            <TeachForm
              agentId={item.agentId}
              sessionId={item.sessionId}
              question={item.question}
              answer={reply.text}
              knowledgeBases={agentKbs}
              onCancel={() => setTeaching(null)}
              onDone={(kind) => {
                setTeaching(null);
                setTaught(kind === 'knowledge' ? 'Saved as a knowledge-base document.' : 'Suggested as a prompt change.');
                onTaught();
              }}
            />
          ) : (
            <button type="button" class="btn btn--sm" onClick={() => setTeaching(i)} data-testid="teach" aria-label={`Teach the AI with ${reply.author ?? 'the operator'}’s answer`}>
              Teach the AI
            </button>
          )}
        </div>
      ))}
      {taught && (
        <p class="handoff__taught small" role="status" data-testid="taught">
          {taught}
        </p>
      )}
    </li>
  );
}

/** Handed-off conversations grouped by why help was needed, each answer one click from teaching the AI. */
export function HandoffInbox({ groups, knowledgeBases, onTaught }: Props) {
  if (groups.length === 0) return <p class="muted">No handed-off conversations in this period.</p>;
  return (
    <div class="handoffs">
      {groups.map((g) => (
        <section key={g.reason} class="handoff-group" data-testid="handoff-group" aria-label={g.reason}>
          <h3 class="handoff-group__title">
            {g.reason} <span class="badge">{g.count}</span>
          </h3>
          <ul class="handoff-group__items">
            {g.items.map((item) => (
              <Item key={item.sessionId} item={item} knowledgeBases={knowledgeBases} onTaught={onTaught} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

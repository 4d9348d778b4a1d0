import { ApprovalBadge, AwaitingBadge, HelpBadge, ModeBadge, StatusBadge } from '../components/Badges';
import { awaitingReply } from '../lib/awaiting-reply';
import { Composer } from '../components/Composer';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { Link } from '../components/Link';
import { LeadFieldsPanel } from '../components/LeadFieldsPanel';
import { MetadataPanel } from '../components/MetadataPanel';
import { PendingApprovalsBar } from '../components/PendingApprovalsBar';
import { SessionControls } from '../components/SessionControls';
import { SessionDesk } from '../components/SessionDesk';
import { Thread } from '../components/Thread';
import { CallEscalation } from '../components/CallEscalation';
import { useAgents } from '../hooks/useAgents';
import { useAsync } from '../hooks/useAsync';
import { useAuth } from '../hooks/useAuth';
import { useSessionCommands } from '../hooks/useSessionCommands';
import { useSessionThread } from '../hooks/useSessionThread';
import { api } from '../lib/api';
import { controlStates, defaultComposerAction } from '../lib/commands';

/** One conversation: header with state and controls, the live thread, the composer, details. */
export function SessionPage({ sessionId, backHref }: { sessionId: string; backHref: string }) {
  const { session, thread, supportCommands, agentName, typing, error, erased, setSession, addMessage, updateMessage } = useSessionThread(sessionId);
  const { byId } = useAgents();
  const commands = useSessionCommands(sessionId, setSession, addMessage);
  const { operator } = useAuth();
  const operators = useAsync(() => api.listOperators().catch(() => ({ operators: [] })));

  if (erased) {
    return (
      <EmptyState title="This conversation was erased">
        It and everything in it were deleted (the customer's data was erased, or it passed the retention period). <Link href={backHref}>Back to all conversations</Link>
      </EmptyState>
    );
  }
  if (error && !session) return <ErrorNotice message={error} />;
  if (!session || !supportCommands) return <p class="muted pad">Opening conversation…</p>;

  const states = controlStates(session, supportCommands);
  const assignee = !session.assignedTo
    ? 'Nobody'
    : session.assignedTo === operator.id
      ? 'You'
      : (operators.data?.operators.find((o) => o.id === session.assignedTo)?.name ?? session.assignedTo);

  return (
    <div class="session" data-testid="session-view" data-mode={session.mode} data-status={session.status}>
      <header class="session__head">
        <Link href={backHref} class="session__back">
          ← All conversations
        </Link>
        <div class="session__title">
          <h2>{session.customerId}</h2>
          <span class="muted">with {agentName}</span>
        </div>
        <div class="session__badges">
          <StatusBadge status={session.status} />
          <ModeBadge mode={session.mode} />
          {session.helpRequested && <HelpBadge />}
          {awaitingReply(session) && <AwaitingBadge />}
          {session.approvalPending && <ApprovalBadge />}
        </div>
        <SessionControls states={states} busy={commands.busy} onRun={(c) => void commands.run(c)} />
      </header>
      {error && <ErrorNotice message={error} />}
      {commands.error && <ErrorNotice message={commands.error} />}
      <PendingApprovalsBar messages={thread.messages} />
      <div class="session__body">
        <div class="session__main">
          <Thread messages={thread.messages} agentName={agentName} typing={typing} onMessage={updateMessage} greeting={byId.get(session.agentId)?.greeting} />
          {session.status === 'closed' ? (
            <p class="composer composer--closed muted">This conversation is closed. It takes no new messages.</p>
          ) : (
            <Composer sessionId={sessionId} agentId={session.agentId} states={states} defaultAction={defaultComposerAction(session, supportCommands)} busy={commands.busy} onSend={commands.send} />
          )}
        </div>
        <div class="session__side">
          <MetadataPanel session={session} assignee={assignee} />
          <LeadFieldsPanel session={session} definitions={byId.get(session.agentId)?.fields ?? []} />
          <SessionDesk session={session} onSession={setSession} onMessage={addMessage} />
          {byId.get(session.agentId)?.callEscalation.enabled && <CallEscalation session={session} />}
        </div>
      </div>
    </div>
  );
}

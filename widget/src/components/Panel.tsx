import { useEffect, useRef } from 'preact/hooks';
import { useWidget } from '../hooks/useWidget';
import type { WidgetState } from '../lib/widget-state';
import { CallOfferCard } from './CallOfferCard';
import { ClosedState } from './ClosedState';
import { Composer } from './Composer';
import { Header } from './Header';
import { MessageList } from './MessageList';
import { PrechatForm } from './PrechatForm';
import { StatusBanner } from './StatusBanner';
import { Toolbar } from './Toolbar';

/** The chat panel: a non-modal dialog that closes on Escape and takes focus when it opens. */
export function Panel({ state }: { state: WidgetState }) {
  const { controller, t, title } = useWidget();
  const panel = useRef<HTMLDivElement>(null);
  const closed = state.session?.status === 'closed';
  // Pre-chat questions come before the first message (the composer returns once they are answered).
  const prechat = state.session?.prechat;

  useEffect(() => {
    if (state.autoOpened) return;
    const el = panel.current;
    (el?.querySelector<HTMLElement>('textarea, .sb-primary') ?? el)?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    controller.close();
  };

  return (
    <div ref={panel} id="sb-panel" class="sb-panel" role="dialog" aria-label={t.dialogLabel(title)} tabIndex={-1} onKeyDown={onKeyDown}>
      <Header state={state} />
      <Toolbar state={state} />
      <StatusBanner state={state} />
      <MessageList state={state} />
      {state.call && !closed && <CallOfferCard call={state.call} />}
      {closed ? <ClosedState /> : prechat?.length ? <PrechatForm fields={prechat} takeFocus={!state.autoOpened} /> : <Composer disabled={state.fatal !== null} />}
    </div>
  );
}

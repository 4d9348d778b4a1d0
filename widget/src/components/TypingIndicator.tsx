import { useWidget } from '../hooks/useWidget';
import type { WidgetState } from '../lib/widget-state';

/** "thinking…" while the AI works on a reply; "Dana is typing…" for an operator. */
export function TypingIndicator({ typing }: { typing: WidgetState['typing'] }) {
  const { t } = useWidget();
  const text =
    typing.operator !== null ? t.personTyping(typing.operator || t.support) : typing.agent === 'thinking' ? t.thinking : typing.agent ? t.typing : null;
  return (
    <div class="sb-typing" role="status">
      {text && (
        <>
          <span class="sb-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          <span>{text}</span>
        </>
      )}
    </div>
  );
}

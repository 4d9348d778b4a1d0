import type { CannedReplyDto } from '../../../shared/src/contract/types';

interface Props {
  matches: CannedReplyDto[];
  active: number;
  onPick: (reply: CannedReplyDto) => void;
}

/** The list under the composer while a `/shortcut` is typed; ↑↓ move, Enter or Tab insert. */
export function CannedSuggestions({ matches, active, onPick }: Props) {
  if (matches.length === 0) return null;
  return (
    <ul class="canned" role="listbox" id="canned-list" aria-label="Canned replies" data-testid="canned-suggestions">
      {matches.map((r, i) => (
        <li
          key={r.id}
          id={`canned-${r.id}`}
          role="option"
          aria-selected={i === active}
          class={`canned__item ${i === active ? 'is-active' : ''}`}
          data-testid="canned-option"
          onMouseDown={(e) => (e.preventDefault(), onPick(r))}
        >
          <b>{r.shortcut}</b> <span class="muted">{r.text}</span>
        </li>
      ))}
    </ul>
  );
}

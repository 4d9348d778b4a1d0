import { useState } from 'preact/hooks';

/** Copies `text` to the clipboard, confirming for a moment. */
export function CopyButton({ text, testId = 'copy' }: { text: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1_500);
    } catch {
      window.prompt('Copy this value:', text);
    }
  };
  return (
    <button type="button" class="btn btn--sm" data-testid={testId} onClick={() => void copy()}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

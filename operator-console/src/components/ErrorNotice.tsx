/** An inline error with an optional retry. */
export function ErrorNotice({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="notice notice--error" role="alert" data-testid="error">
      <span>{message}</span>
      {onRetry && (
        <button type="button" class="btn btn--ghost btn--sm" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

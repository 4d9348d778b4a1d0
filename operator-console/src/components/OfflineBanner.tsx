import { useConnection } from '../hooks/useConnection';

/** Shown while the live connection is down; socket.io keeps retrying underneath. */
export function OfflineBanner() {
  const { status } = useConnection();
  if (status !== 'offline') return null;
  return (
    <div class="offline" role="status" data-testid="offline-banner">
      <span class="offline__dot" aria-hidden="true" />
      Offline — reconnecting… Live updates resume by themselves.
    </div>
  );
}

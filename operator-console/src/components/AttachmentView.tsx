import { useEffect, useState } from 'preact/hooks';
import type { AttachmentDto } from '../../../shared/src/contract/types';
import { fetchBlob, saveBlob } from '../lib/api';

const formatSize = (n: number): string => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * A file in the thread. Fetched with the login token as a blob (an <img> cannot send a bearer
 * header), so images preview from a `blob:` URL; other files download on click.
 */
export function AttachmentView({ attachment: a }: { attachment: AttachmentDto }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const isImage = a.type.startsWith('image/');
  useEffect(() => {
    if (!isImage) return;
    let url: string | null = null;
    let live = true;
    fetchBlob(a.url)
      .then((blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [a.url]);
  const download = (): void => void fetchBlob(a.url).then((blob) => saveBlob(blob, a.name), () => setFailed(true));
  return (
    <div class="attachment" data-testid="attachment" data-type={a.type}>
      {isImage && src && <img class="attachment__img" src={src} alt={a.name} data-testid="attachment-image" />}
      <button type="button" class="btn btn--ghost btn--sm attachment__name" onClick={download}>
        <span aria-hidden="true">↓</span> {a.name} <span class="muted small">({formatSize(a.size)})</span>
      </button>
      {failed && <span class="msg__flag msg__flag--error">Could not load the file</span>}
    </div>
  );
}

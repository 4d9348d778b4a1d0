import { useEffect, useState } from 'preact/hooks';
import type { AttachmentDto } from '../../../shared/src/index';
import { useWidget } from '../hooks/useWidget';
import { PaperclipIcon } from './Icons';

/** A file in a bubble: images preview from a blob fetched with the session token; others download. */
export function AttachmentPreview({ attachment: a }: { attachment: AttachmentDto }) {
  const { controller, t } = useWidget();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    controller.loadAttachment(a).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [a.id]);
  if (failed) return <span class="sb-status">{t.attachmentFailed}</span>;
  if (a.type.startsWith('image/')) return url ? <img class="sb-attachment-img" src={url} alt={a.name} data-testid="attachment-image" /> : <span class="sb-status">{a.name}</span>;
  return (
    <a class="sb-attachment-file" href={url ?? undefined} download={a.name} data-testid="attachment-file">
      <PaperclipIcon />
      {a.name}
    </a>
  );
}

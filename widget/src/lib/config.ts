/**
 * Reads the embedding `<script>`'s data-* attributes into a checked configuration. Pure (the
 * colour check is passed in) so it runs in the Node unit tests; bad values are dropped with a
 * console warning rather than breaking the host page.
 */
export interface WidgetConfig {
  /** Where widget.js came from; the socket connects back there. */
  origin: string;
  agentId: string;
  customerId?: string;
  customerHash?: string;
  metadata?: Record<string, unknown>;
  title?: string;
  color?: string;
  position: 'right' | 'left';
  lang?: string;
  open: boolean;
}

export type Dataset = Record<string, string | undefined>;

const MAX_ATTRIBUTE_LENGTH = 256;

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, MAX_ATTRIBUTE_LENGTH) : undefined;
}

/** `data-metadata` must be a JSON object; anything else is ignored with a warning. */
export function parseMetadata(raw: string | undefined, warn: (msg: string) => void): Record<string, unknown> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    warn('Switchboard: data-metadata must be a JSON object; ignored.');
  } catch {
    warn('Switchboard: data-metadata is not valid JSON; ignored.');
  }
  return undefined;
}

/** `data-open` present with no value, or `"true"`, opens the panel on load. */
function flag(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() !== 'false';
}

/**
 * The configuration, or null when `data-agent` is missing (the widget then stays out of the
 * page and says why in the console).
 */
export function readConfig(
  data: Dataset,
  origin: string,
  isColor: (value: string) => boolean,
  warn: (msg: string) => void = console.warn,
): WidgetConfig | null {
  const agentId = text(data.agent);
  if (!agentId) {
    warn('Switchboard: the widget <script> needs a data-agent attribute; not loading.');
    return null;
  }
  let color = text(data.color);
  if (color && !isColor(color)) {
    warn(`Switchboard: data-color "${color}" is not a CSS colour; using the default.`);
    color = undefined;
  }
  const position = text(data.position);
  if (position && position !== 'left' && position !== 'right') {
    warn('Switchboard: data-position must be "left" or "right"; using "right".');
  }
  return {
    origin,
    agentId,
    customerId: text(data.customerId),
    customerHash: text(data.customerHash),
    metadata: parseMetadata(data.metadata, warn),
    title: text(data.title),
    color,
    position: position === 'left' ? 'left' : 'right',
    lang: text(data.lang),
    open: flag(data.open),
  };
}

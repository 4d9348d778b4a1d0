/**
 * The host page's commands, `Switchboard(command, ...args)`, run against the chat controller
 * once the widget has loaded (the loader queues them until then, and keeps `on` itself). Bad
 * arguments are dropped with a console warning rather than breaking the page. What each command
 * does, with examples: docs/widget.md; the types: shared/src/widget-api.ts.
 */
import type { WidgetBootOptions, WidgetUpdate } from '../../../shared/src/widget-api';
import { LANGUAGES } from '../i18n/languages';
import type { Identity } from '../lib/chat-controller';
import type { PageController } from '../lib/page-controller';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Checks `identify`'s argument; null (with a warning) if it is unusable. */
export function parseIdentity(arg: unknown): Identity | null {
  if (!isRecord(arg) || !str(arg.customerId)) {
    console.warn("Switchboard('identify', {customerId, customerHash?, metadata?}): customerId is required.");
    return null;
  }
  return { customerId: str(arg.customerId), customerHash: str(arg.customerHash), metadata: isRecord(arg.metadata) ? arg.metadata : undefined };
}

/** A language the widget has, or null with a warning. */
function parseLocale(arg: unknown): string | null {
  const lang = typeof arg === 'string' ? arg.toLowerCase().split('-')[0] : undefined;
  if (lang && LANGUAGES.includes(lang)) return lang;
  console.warn(`Switchboard('setLocale', lang): lang must be one of ${LANGUAGES.join(', ')}.`);
  return null;
}

function parseBoot(arg: unknown): WidgetBootOptions {
  const o = isRecord(arg) ? arg : {};
  return {
    customerId: str(o.customerId),
    customerHash: str(o.customerHash),
    metadata: isRecord(o.metadata) ? o.metadata : undefined,
    locale: o.locale === undefined ? undefined : (parseLocale(o.locale) ?? undefined),
    hideLauncher: o.hideLauncher === true,
  };
}

function parseUpdate(arg: unknown): WidgetUpdate {
  const o = isRecord(arg) ? arg : {};
  return { url: str(o.url), metadata: isRecord(o.metadata) ? o.metadata : undefined, customerId: str(o.customerId), customerHash: str(o.customerHash) };
}

/** Runs one command; returns what a direct call returns (nothing, today). */
export function runCommand(controller: PageController, command: string, args: unknown[]): unknown {
  const { store } = controller;
  switch (command) {
    case 'open':
      return controller.open();
    case 'close':
      return controller.close();
    case 'toggle':
      return store.get().open ? controller.close() : controller.open();
    case 'hide':
    case 'show':
      return store.set({ launcherHidden: command === 'hide' });
    case 'identify': {
      const identity = parseIdentity(args[0]);
      if (identity) controller.identify(identity);
      return undefined;
    }
    case 'setLocale': {
      const lang = parseLocale(args[0]);
      if (lang) store.set({ chosenLang: lang });
      return undefined;
    }
    case 'showNewMessage':
      store.set({ draft: typeof args[0] === 'string' ? args[0] : '' });
      return controller.open();
    case 'boot': {
      const options = parseBoot(args[0]);
      if (options.locale) store.set({ chosenLang: options.locale });
      store.set({ launcherHidden: options.hideLauncher === true });
      return controller.boot(options);
    }
    case 'shutdown':
      return controller.shutdown();
    case 'update':
      return controller.update(parseUpdate(args[0]));
    default:
      console.warn(`Switchboard: unknown command "${String(command)}".`);
      return undefined;
  }
}

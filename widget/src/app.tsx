/**
 * The rest of the widget, fetched by the loader (index.ts) as an ES module: the chat
 * controller, the Preact UI and the panel's CSS. `mountApp` loads the language file, takes the
 * loader's launcher over and returns the command runner the loader forwards `Switchboard()` to.
 */
import { render } from 'preact';
import { App } from './components/App';
import { runCommand } from './host-api/commands';
import { loadStrings } from './i18n';
import { PageController } from './lib/page-controller';
import { createStorage } from './lib/storage';
import type { AppApi, Handoff } from './loader/handoff';
import { adoptStyles } from './loader/placeholder';
import { WIDGET_CSS } from './styles';

export async function mountApp({ config, shadow, container, events, lang }: Handoff): Promise<AppApi> {
  const storage = createStorage(config.agentId);
  const controller = new PageController(config, storage, undefined, events);
  controller.store.set({ chosenLang: lang });
  const first = lang ?? storage.getAgentLanguage() ?? 'en';
  const strings = await loadStrings(first);
  // The panel's CSS only when the panel first opens: parsing it is work a page load need not do.
  const offCss = controller.store.subscribe((s) => {
    if (!s.open) return;
    offCss();
    adoptStyles(shadow, WIDGET_CSS);
  });
  // The visitor may have tabbed to the loader's launcher: keep their place on the new one.
  const hadFocus = shadow.activeElement !== null;
  container.textContent = '';
  render(<App controller={controller} initial={{ lang: first, t: strings }} title={config.title} position={config.position} />, container);
  if (hadFocus) shadow.querySelector<HTMLElement>('.sb-launcher')?.focus();
  return { run: (command, args) => runCommand(controller, command, args), start: () => controller.start() };
}

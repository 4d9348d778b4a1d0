/**
 * HTTP long-polling, for pages where WebSockets are blocked (a proxy, the page's CSP): socket.ts
 * fetches this module when a WebSocket fails to open and adds the transport to engine.io-client's
 * table. Built on its own (scripts/widget-transports.ts), so a page whose WebSocket works never
 * downloads it.
 */
export { XHR } from 'engine.io-client';

/**
 * HTTP long-polling, for pages where WebSockets are blocked (a proxy, the page's CSP). The
 * widget's build carries only the WebSocket transport in socket.io-client's chunk (see
 * scripts/widget-build.ts); socket.ts fetches this module when a WebSocket attempt fails, and
 * it adds the polling transport to engine.io-client's table, which every new connection reads.
 */
import { transports, XHR } from 'engine.io-client';
// For the chunking only (./socket has run by now): with this, what the two share lands in one
// chunk with socket.io-client, instead of the WebSocket code being split across two files.
import './socket';

transports.polling = XHR;

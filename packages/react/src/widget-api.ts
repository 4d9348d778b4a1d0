/**
 * The widget's host-page API, `window.Switchboard(command, …args)`, as types: the widget's own
 * declaration, so the component and the widget cannot drift apart.
 */
export type * from '../../../shared/src/widget-api';

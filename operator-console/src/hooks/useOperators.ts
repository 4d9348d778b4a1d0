import { useEffect, useState } from 'preact/hooks';
import type { OperatorDto } from '../../../shared/src/contract/types';
import { api } from '../lib/api';
import { on } from '../lib/socket';

/** Departures are pushed (present: false), whether a console closed or its server process died; the list is also read again this often, as a safety net. */
const REFRESH_MS = 30_000;

/** The staff list, kept live by the server's `operators:status` push (online / away, arriving) and a periodic read. */
export function useOperators(): OperatorDto[] {
  const [operators, setOperators] = useState<OperatorDto[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .listOperators()
        .then((r) => live && setOperators(r.operators))
        .catch(() => undefined);
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    const off = on('operators:status', (changed) => setOperators((list) => (list.some((o) => o.id === changed.id) ? list.map((o) => (o.id === changed.id ? changed : o)) : [...list, changed])));
    return () => {
      live = false;
      window.clearInterval(timer);
      off();
    };
  }, []);
  return operators;
}

import { useEffect, useState } from 'preact/hooks';
import type { OperatorDto } from '../../../shared/src/dto';
import { api } from '../lib/api';
import { on } from '../lib/socket';

/** The staff list, kept live by the server's `operators:status` push (online / away). */
export function useOperators(): OperatorDto[] {
  const [operators, setOperators] = useState<OperatorDto[]>([]);
  useEffect(() => {
    let live = true;
    api
      .listOperators()
      .then((r) => live && setOperators(r.operators))
      .catch(() => undefined);
    const off = on('operators:status', (changed) => setOperators((list) => (list.some((o) => o.id === changed.id) ? list.map((o) => (o.id === changed.id ? changed : o)) : [...list, changed])));
    return () => {
      live = false;
      off();
    };
  }, []);
  return operators;
}

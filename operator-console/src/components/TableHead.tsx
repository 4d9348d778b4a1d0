/** A table's header row: the column names, then an unnamed (screen-reader "Actions") column for row buttons. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c}>{c}</th>
        ))}
        <th>
          <span class="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

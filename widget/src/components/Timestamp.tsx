/** HH:MM, with the full date in the title attribute (hover) and the machine-readable datetime. */
export function Timestamp({ iso, short, full }: { iso: string; short: string; full: string }) {
  return (
    <time dateTime={iso} title={full}>
      {short}
    </time>
  );
}

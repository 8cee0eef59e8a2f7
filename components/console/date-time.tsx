import { dateTime } from "@/lib/console/format";

/** A date and time for a table cell: breaks between the day and the time, never inside either. */
export function DateTime({ value, timeZone }: { value: Date | string | null | undefined; timeZone: string }) {
  const text = dateTime(value, timeZone);
  const cut = text.lastIndexOf(", ");
  if (cut < 0) return <span className="whitespace-nowrap">{text}</span>;
  return (
    <>
      <span className="whitespace-nowrap">{text.slice(0, cut + 1)}</span>{" "}
      <span className="whitespace-nowrap">{text.slice(cut + 2)}</span>
    </>
  );
}

// A timestamp from a document or this browser's storage, read strictly: ISO 8601 with date, time and zone
// ("2026-11-26T23:00:00.000Z", as Date.prototype.toISOString writes). Date.parse alone is lenient: Chrome
// reads "<iframe src=//x> 2020" as a date, so markup would pass as one.

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Years a run can carry: WebGPU did not exist before 2000, and 2999 leaves room. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2999;

export function isIsoTimestamp(text: string): boolean {
  const match = ISO.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second, zoneHour = 0, zoneMinute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (year! < FIRST_YEAR || year! > LAST_YEAR || month! < 1 || month! > 12) return false;
  // the day must exist in that month (UTC date arithmetic: day 0 of the next month is the last of this one)
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > daysInMonth) return false;
  if (hour! > 23 || minute! > 59 || second! > 59 || zoneHour > 23 || zoneMinute > 59) return false;
  return Number.isFinite(Date.parse(text));
}

/** A moment as people in the UK read it: "3 Dec 2026, 14:05", in UK time whatever the device's zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
}

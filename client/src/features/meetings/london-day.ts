/** Today's date in the UK (YYYY-MM-DD): meetings are dated as the JAG's calendar reads. */
export const london = {
  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  },
}

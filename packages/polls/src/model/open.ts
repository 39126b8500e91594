/** True when the poll takes votes at `now` (a countdown that ran out counts as closed). */
export function isOpen(poll: { status: string; closesAt: number | null }, now: number): boolean {
  return poll.status === 'open' && (poll.closesAt === null || now < poll.closesAt);
}

/** StatusBadge is a small coloured label for a status (see `lib/format` for the wording). */
import type { Badge } from "../lib/format";

export function StatusBadge({ badge, testId }: { badge: Badge; testId?: string }) {
  return (
    <span className={`badge badge--${badge.tone}`} data-testid={testId}>
      {badge.label}
    </span>
  );
}

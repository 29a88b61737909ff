/**
 * ConfirmButton asks again in place before a destructive action: the first click turns it into
 * "Delete? Yes / No", so nothing is lost to a stray click and no modal dialog is needed.
 */
import { useState } from "react";

export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  busy = false,
}: {
  label: string;
  /** The question, e.g. "Delete this project and its sessions?" */
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="button button--danger-quiet"
        onClick={() => setAsking(true)}
        disabled={busy}
      >
        {busy ? "Deleting…" : label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={confirmLabel}>
      <span className="confirm__question">{confirmLabel}</span>
      <button
        type="button"
        className="button button--danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes, delete
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)} autoFocus>
        Keep
      </button>
    </span>
  );
}

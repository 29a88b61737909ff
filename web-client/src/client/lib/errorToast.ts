/**
 * How a {@link ClientError} is shown as a toast: its text, and whether a "Retry" action (a manual
 * reconnect) can help.
 */
import type { ClientError } from "@switchboard/client";

export interface ErrorToast {
  title: string;
  description: string;
  /** Offer "Retry" (a manual reconnect): only when the connection itself is down. */
  retry: boolean;
}

/** The toast for an error, or null when the page shows it elsewhere (the banner, for `contract`). */
export function describeClientError(error: ClientError): ErrorToast | null {
  switch (error.kind) {
    case "connection":
      return { title: "Connection lost", description: error.message, retry: true };
    case "subscription":
      return {
        title: `Could not follow ${error.channel}`,
        description: `${error.message} (${error.code})`,
        retry: false,
      };
    case "server":
      // The failed command is gone; the user repeats it once the error says it may help.
      return {
        title: "Server error",
        description: `${error.message} (${error.code}${error.retryable ? ", try again" : ""})`,
        retry: false,
      };
    case "contract":
      // The banner says it and offers Reload for as long as it holds; a toast would repeat it.
      return null;
    default: {
      const _exhaustive: never = error;
      return _exhaustive;
    }
  }
}

import { useEffect, useId, useRef } from "react";

export type ConfirmOptions = {
  /** The question, as the dialog's name ("Leave this room?"). */
  title: string;
  /** What happens, in a sentence; the dialog's description. */
  body?: string;
  /** The verb on the button that goes ahead ("Leave"). */
  confirm: string;
  cancel?: string;
  /** A destructive action: red button, and Cancel has the focus to start with. */
  danger?: boolean;
};

/**
 * A modal question on the native <dialog> (showModal): the page behind is inert, so focus stays
 * in the dialog; Escape and a click on the backdrop cancel; focus returns where it was on close.
 */
export function ConfirmDialog({
  options,
  onAnswer,
}: {
  options: ConfirmOptions;
  onAnswer: (yes: boolean) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Removing an open dialog from the page closes it without a close event: no cleanup needed.
    if (!dialog.open) dialog.showModal();
    (options.danger ? cancelRef : confirmRef).current?.focus();
  }, [options]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={options.body ? bodyId : undefined}
      // Escape (cancel) and every button end in close; returnValue says which.
      onClose={(e) => onAnswer(e.currentTarget.returnValue === "yes")}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) e.currentTarget.close("no");
      }}
      onKeyDown={(e) => {
        // The page behind is inert; Tab also wraps here instead of leaving for the browser's UI.
        if (e.key !== "Tab") return;
        const first = cancelRef.current;
        const last = confirmRef.current;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last?.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first?.focus();
        }
      }}
    >
      <form method="dialog" className="stack">
        <h2 id={titleId}>{options.title}</h2>
        {options.body && (
          <p id={bodyId} className="muted">
            {options.body}
          </p>
        )}
        <div className="dialog-actions">
          <button ref={cancelRef} type="submit" value="no">
            {options.cancel ?? "Cancel"}
          </button>
          <button
            ref={confirmRef}
            type="submit"
            value="yes"
            className={options.danger ? "danger-solid" : "primary"}
          >
            {options.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}

"use client";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";

type DialogProps = {
  /** The button that opens the dialog. */
  trigger: {
    label: ReactNode;
    variant?: "primary" | "secondary" | "danger" | "ghost";
    size?: "sm" | "md";
    disabled?: boolean;
  };
  title: string;
  description?: ReactNode;
  children: (close: () => void) => ReactNode;
  className?: string;
};

/**
 * A modal on the native <dialog> element: focus moves in and is kept inside, Escape closes it,
 * and focus returns to the trigger afterwards — all done by the browser.
 */
export function Dialog({ trigger, title, description, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const close = () => setOpen(false);
  return (
    <>
      <Button
        variant={trigger.variant}
        size={trigger.size}
        disabled={trigger.disabled}
        onClick={() => setOpen(true)}
      >
        {trigger.label}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={close}
        onClick={(e) => {
          if (e.target === ref.current) close();
        }}
        className={cn(
          "m-auto w-full max-w-lg rounded-lg border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/40",
          className,
        )}
      >
        {open && (
          <div className="p-5">
            <div className="flex items-start justify-between gap-4">
              <h2 id={titleId} className="text-base font-semibold">
                {title}
              </h2>
              <button
                type="button"
                onClick={close}
                aria-label="Close"
                className="-m-1 rounded p-1 text-stone-600 hover:bg-stone-100 hover:text-stone-800"
              >
                <span aria-hidden>✕</span>
              </button>
            </div>
            {description && <div className="mt-1 text-sm text-stone-600">{description}</div>}
            <div className="mt-4">{children(close)}</div>
          </div>
        )}
      </dialog>
    </>
  );
}

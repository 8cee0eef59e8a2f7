// Form controls sized for phones (16 px text, so iOS does not zoom; 44 px touch targets),
// each wired to its label, hint and errors for assistive technology.
import { type ComponentProps, type ReactNode, useId } from "react";
import { Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export const controlClass =
  "block w-full min-h-11 rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-xs " +
  "placeholder:text-stone-400 focus:border-brand-600 aria-[invalid=true]:border-red-600";

type Wiring = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

export function ShopField(props: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  /** A stable id (e.g. for tests and error summaries); generated when absent. */
  id?: string;
  children: (wiring: Wiring) => ReactNode;
}) {
  const generated = useId();
  const id = props.id ?? generated;
  const hasErrors = Boolean(props.errors?.length);
  const describedBy = [props.hint ? `${id}-hint` : null, hasErrors ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={props.className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {props.label}
      </label>
      {props.hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-stone-600">
          {props.hint}
        </p>
      )}
      <div className="mt-1.5">
        {props.children({
          id,
          "aria-describedby": describedBy || undefined,
          "aria-invalid": hasErrors ? true : undefined,
        })}
      </div>
      <FieldErrors id={`${id}-error`} errors={props.errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-sm font-medium text-red-700">
      <span aria-hidden>⚠</span>
      {errors.join(" ")}
    </p>
  );
}

export function SubmitButton({
  pending,
  pendingLabel,
  children,
  className,
  variant = "primary",
  ...props
}: ComponentProps<"button"> & {
  pending?: boolean;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      className={cn(
        "inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-5 py-2.5 text-base font-medium shadow-sm transition-colors",
        "aria-disabled:cursor-progress aria-disabled:opacity-70",
        variant === "primary" && "bg-brand-700 text-white hover:bg-brand-900",
        variant === "secondary" && "border border-stone-300 bg-white text-stone-800 hover:bg-stone-50",
        variant === "danger" && "border border-red-300 bg-white text-red-800 hover:bg-red-50",
        className,
      )}
      {...props}
      onClick={(e) => {
        // A second click while the first submit runs is ignored here; the idempotency key
        // covers the case where it is not (no JavaScript, second tab, replay).
        if (pending) e.preventDefault();
        props.onClick?.(e);
      }}
    >
      {pending && <Spinner />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

export function FormAlert({
  message,
  tone = "error",
}: {
  message?: string;
  tone?: "error" | "success" | "info";
}) {
  if (!message) return null;
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-lg border px-4 py-3 text-sm",
        tone === "error" && "border-red-200 bg-red-50 text-red-900",
        tone === "success" && "border-emerald-200 bg-emerald-50 text-emerald-900",
        tone === "info" && "border-sky-200 bg-sky-50 text-sky-900",
      )}
    >
      {message}
    </p>
  );
}

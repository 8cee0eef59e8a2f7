import { type ComponentProps, type ReactNode, useId } from "react";
import { cn } from "./cn";

const CONTROL =
  "block rounded-md border border-stone-300 bg-white px-2.5 py-1.5 text-sm shadow-xs " +
  "placeholder:text-stone-500 aria-[invalid=true]:border-red-500 disabled:bg-stone-100 disabled:text-stone-600";

type FieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  children: (control: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
};

/** Label, control, hint and field errors wired together for assistive technology. */
export function Field({ label, hint, errors, className, children }: FieldProps) {
  const id = useId();
  const hasErrors = Boolean(errors?.length);
  const describedBy = hasErrors ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <div className="mt-1">
        {children({ id, "aria-describedby": describedBy, "aria-invalid": hasErrors ? true : undefined })}
      </div>
      {hasErrors ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors!.join(" ")}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type ControlProps = { label: ReactNode; hint?: ReactNode; errors?: string[]; fieldClassName?: string };

export function TextField({
  label,
  hint,
  errors,
  fieldClassName,
  className,
  ...props
}: ControlProps & ComponentProps<"input">) {
  return (
    <Field label={label} hint={hint} errors={errors} className={fieldClassName}>
      {(control) => <input {...control} {...props} className={cn(CONTROL, "w-full", className)} />}
    </Field>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  fieldClassName,
  className,
  children,
  ...props
}: ControlProps & ComponentProps<"select">) {
  return (
    <Field label={label} hint={hint} errors={errors} className={fieldClassName}>
      {(control) => (
        <select {...control} {...props} className={cn(CONTROL, "w-full pr-8", className)}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField({
  label,
  hint,
  errors,
  fieldClassName,
  className,
  ...props
}: ControlProps & ComponentProps<"textarea">) {
  return (
    <Field label={label} hint={hint} errors={errors} className={fieldClassName}>
      {(control) => <textarea {...control} {...props} className={cn(CONTROL, "w-full", className)} />}
    </Field>
  );
}

export function CheckboxField({
  label,
  hint,
  className,
  ...props
}: { label: ReactNode; hint?: ReactNode } & Omit<ComponentProps<"input">, "type">) {
  const id = useId();
  return (
    <div className={cn("flex items-start gap-2", className)}>
      <input
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 rounded border-stone-300 accent-brand-700"
        {...props}
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-stone-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-stone-600">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** Bare controls for dense places (filters, table cells) that bring their own label. */
export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(CONTROL, className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(CONTROL, "pr-8", className)} {...props} />;
}

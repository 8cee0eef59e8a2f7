"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { retryAfterSeconds, SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";

const MESSAGES: Record<string, string> = {
  [SIGN_IN_ERRORS.invalid]: "That e-mail and password don't match an account.",
  [SIGN_IN_ERRORS.disabled]: "This account has been disabled. Ask an owner to enable it again.",
};

/** Password attempts are throttled, never the account: the e-mail link still signs in. */
function throttledMessage(seconds: number) {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many wrong passwords. Sign in with an e-mail link now, or try your password again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

type Mode = "password" | "link";

export function SignInForm(props: { callbackUrl: string; expired: boolean; linkFailed?: boolean }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("password");
  const [error, setError] = useState<string | null>(null);
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    setPending(true);
    setError(null);
    if (mode === "link") {
      const result = await signIn("staff-email", { redirect: false, email, callbackUrl: props.callbackUrl });
      setPending(false);
      if (!result || result.error) setError("Enter a valid e-mail address.");
      else setLinkSentTo(email);
      return;
    }
    const result = await signIn("staff-password", {
      redirect: false,
      email,
      password: String(form.get("password") ?? ""),
      callbackUrl: props.callbackUrl,
    });
    if (!result || result.error) {
      setPending(false);
      const throttled = retryAfterSeconds(result?.error);
      if (throttled !== null) setMode("link");
      setError(
        throttled !== null
          ? throttledMessage(throttled)
          : (MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Try again."),
      );
      return;
    }
    router.replace(props.callbackUrl);
    router.refresh();
  }

  if (linkSentTo) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Check your e-mail">
          If {linkSentTo} belongs to an active staff member, a sign-in link is on its way. It works once.
        </Alert>
        <Button variant="ghost" className="w-full" onClick={() => setLinkSentTo(null)}>
          Back to sign-in
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {props.expired && !error && (
        <Alert tone="info">
          Your session ended (30 minutes without activity, or 12 hours after sign-in). Sign in again.
        </Alert>
      )}
      {props.linkFailed && !error && (
        <Alert tone="info">
          That sign-in link has been used or has expired. Sign in again or ask for a new link.
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <TextField label="E-mail" name="email" type="email" autoComplete="username" required autoFocus />
      {mode === "password" && (
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      )}
      <Button type="submit" variant="primary" pending={pending} className="w-full">
        {mode === "password" ? "Sign in" : "E-mail me a sign-in link"}
      </Button>
      <button
        type="button"
        onClick={() => {
          setMode(mode === "password" ? "link" : "password");
          setError(null);
        }}
        className="w-full text-center text-sm text-brand-700 underline-offset-2 hover:underline"
      >
        {mode === "password" ? "Use an e-mail link instead" : "Use a password instead"}
      </button>
    </form>
  );
}

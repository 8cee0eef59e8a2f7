"use client";
// E-mail link sign-in for shoppers (next-auth's "shopper-email" provider). The link goes out
// only to addresses with orders, and the answer is the same either way.
import { signIn, signOut } from "next-auth/react";
import { useState } from "react";
import { type ClientMessages, clientTranslator } from "@/lib/i18n/client-messages";
import { controlClass, FormAlert, ShopField, SubmitButton } from "./controls";

/**
 * `messages`: the `account` namespace. `demoOutbox`: the demo keeps mail in the console's outbox,
 * so the shopper is told where to find the link.
 */
export function AccountSignIn({ messages, demoOutbox }: { messages: ClientMessages; demoOutbox?: boolean }) {
  const t = clientTranslator(messages);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      setError(t("emailInvalid"));
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn("shopper-email", { email, callbackUrl: "/account", redirect: false });
      if (!result || result.error) setError(t("failed"));
      else setSentTo(email);
    } catch {
      setError(t("failed"));
    } finally {
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <div className="space-y-3">
        <FormAlert tone="success" message={t("linkSent", { email: sentTo })} />
        {demoOutbox && <p className="text-sm text-stone-700">{t("demoOutbox")}</p>}
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <FormAlert message={error} />
      <ShopField
        id="account-email"
        label={t("email")}
        hint={t("emailHint")}
        errors={error ? [error] : undefined}
      >
        {(wiring) => (
          <input
            {...wiring}
            name="email"
            type="email"
            autoComplete="email"
            required
            className={controlClass}
          />
        )}
      </ShopField>
      <SubmitButton pending={pending} pendingLabel={t("sending")} className="w-full">
        {t("sendLink")}
      </SubmitButton>
      <noscript>
        <p className="text-sm text-stone-700">{t("needsJs")}</p>
      </noscript>
    </form>
  );
}

export function AccountSignOut({ messages }: { messages: ClientMessages }) {
  const t = clientTranslator(messages);
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      aria-disabled={pending || undefined}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/account" });
      }}
      className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-50"
    >
      {pending ? t("signingOut") : t("signOut")}
    </button>
  );
}

"use client";
// The shop's error boundary gets no props from the server, so its few messages come from the
// shop layout through this context (plain strings: no ICU runtime in the browser).
import { createContext, type ReactNode, useContext } from "react";
import type { ClientMessages } from "@/lib/i18n/client-messages";

const ErrorMessages = createContext<ClientMessages>({});

/** `messages`: the `errorPage` namespace. */
export function ErrorMessagesProvider({
  messages,
  children,
}: {
  messages: ClientMessages;
  children: ReactNode;
}) {
  return <ErrorMessages value={messages}>{children}</ErrorMessages>;
}

export const useErrorMessages = () => useContext(ErrorMessages);

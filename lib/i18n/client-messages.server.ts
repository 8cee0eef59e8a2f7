import "server-only";
import { getMessages } from "next-intl/server";
import type { ClientMessages, ClientNamespace } from "./client-messages";

/** One namespace of the request's messages, to hand to a client component as a prop. */
export async function getClientMessages(namespace: ClientNamespace): Promise<ClientMessages> {
  const messages = (await getMessages()) as ClientMessages;
  const picked = messages[namespace];
  if (typeof picked !== "object") throw new Error(`no message namespace "${namespace}"`);
  return picked;
}

// The outbox's public entry: queue an e-mail in the caller's transaction.
export { queueNotification, type QueueNotificationInput } from "./commands";
export type { NotificationTemplate as TemplateName, TemplateParamsInput } from "./schemas";

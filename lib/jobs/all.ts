// Every slice's job file, so a worker process knows every handler. Add one import per job file.
import "@/lib/notifications/deliver-job";
import "@/lib/refunds/jobs";
import "@/lib/orders/jobs";
import "@/lib/webhooks/deliver-job";
import "@/lib/reconcile/job";
import "@/lib/api/purge-job";
import "@/lib/rules/breaker-job";
import "@/lib/auth/purge-job";

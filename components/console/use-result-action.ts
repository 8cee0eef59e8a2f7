"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FieldErrors, Result } from "@/lib/errors";

export type ActionFeedback = { tone: "success" | "error"; message: string; fieldErrors?: FieldErrors } | null;

/**
 * Runs a server action that returns a Result, keeps its pending state and feedback, and
 * refreshes the page's server data on success.
 */
export function useResultAction<I, T>(action: (input: I) => Promise<Result<T>>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<ActionFeedback>(null);

  function run(
    input: I,
    options: { success?: string | ((data: T) => string); onSuccess?: (data: T) => void } = {},
  ) {
    setFeedback(null);
    startTransition(async () => {
      let result: Result<T>;
      try {
        result = await action(input);
      } catch (error) {
        // The request never got an answer (network, server restart): say so and let them retry.
        console.error(error);
        setFeedback({
          tone: "error",
          message: "No answer from the server. Reload the page to see what was saved, then try again.",
        });
        return;
      }
      if (!result.ok) {
        setFeedback({ tone: "error", message: result.message, fieldErrors: result.fieldErrors });
        if (result.code === "conflict") router.refresh();
        return;
      }
      const message = typeof options.success === "function" ? options.success(result.data) : options.success;
      if (message) setFeedback({ tone: "success", message });
      options.onSuccess?.(result.data);
      router.refresh();
    });
  }

  return { run, pending, feedback, setFeedback, fieldErrors: feedback?.fieldErrors ?? {} };
}

"use client";
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";

// A page of the console failed to render; the shell (navigation) stays usable.
export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="max-w-xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-stone-700">
        Something went wrong on our side. Nothing you did was lost: try again, or go back to the overview.
        {error.digest && <span className="mt-1 block text-xs text-stone-600">Reference: {error.digest}</span>}
      </p>
      <div className="mt-4 flex gap-2">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        <ButtonLink href="/merchant">Overview</ButtonLink>
      </div>
    </div>
  );
}

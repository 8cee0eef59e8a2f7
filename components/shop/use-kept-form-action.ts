"use client";
import { type FormEvent, startTransition, useActionState } from "react";

/**
 * useActionState for a shopper's form that must keep what was entered when the server answers
 * with an error. React resets a form after its action: uncontrolled fields empty, and controlled
 * selects and radios show their first option while the state still holds the choice (so the next
 * post sends what the shopper no longer sees). With JavaScript the form is submitted here, without
 * that reset; without JavaScript the page is rendered again from the values the action returns.
 * Spread `form` on the <form>: it keeps `action` for the post that works before hydration.
 */
export function useKeptFormAction<S>(
  action: (state: Awaited<S>, form: FormData) => S | Promise<S>,
  initial: Awaited<S>,
) {
  const [state, dispatch, pending] = useActionState(action, initial);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  }
  return { state, pending, form: { action: dispatch, onSubmit } };
}

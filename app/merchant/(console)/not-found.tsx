// notFound() inside the console (an unknown order, request, e-mail or endpoint): say so in the
// console's frame, not the shop's.
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";

export default function ConsoleNotFound() {
  return (
    <PageHeader
      title="Not found"
      description={
        <>
          Nothing here: the link may be old or the number mistyped.{" "}
          <Link href="/merchant" className="font-medium text-brand-700 underline">
            Back to the overview
          </Link>
        </>
      }
    />
  );
}

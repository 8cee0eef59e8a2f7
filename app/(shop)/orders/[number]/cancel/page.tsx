import { RequestRoute, type RequestRouteProps, requestRouteMetadata } from "../request-route";

export const dynamic = "force-dynamic";

export const generateMetadata = (props: RequestRouteProps) => requestRouteMetadata("cancellation", props);

export default function CancelPage({ params }: RequestRouteProps) {
  return <RequestRoute type="cancellation" params={params} />;
}

import { RequestRoute, type RequestRouteProps, requestRouteMetadata } from "../request-route";

export const dynamic = "force-dynamic";

export const generateMetadata = (props: RequestRouteProps) => requestRouteMetadata("return", props);

export default function ReturnPage({ params }: RequestRouteProps) {
  return <RequestRoute type="return" params={params} />;
}

// notFound() inside a shop page: the shop layout is already around it.
import { NotFoundView, notFoundMetadata } from "@/components/shop/not-found-view";

export const generateMetadata = notFoundMetadata;

export default function ShopNotFound() {
  return <NotFoundView />;
}

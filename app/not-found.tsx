// Any address no route matches. Most such visitors are shoppers with an old or mistyped link, so
// they get the shop's frame and language (staff find the console from its sign-in page).
import ShopLayout from "./(shop)/layout";
import { NotFoundView, notFoundMetadata } from "@/components/shop/not-found-view";

export const generateMetadata = notFoundMetadata;

export default function NotFound() {
  return (
    <ShopLayout>
      <NotFoundView />
    </ShopLayout>
  );
}

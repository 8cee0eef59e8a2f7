export const SIGN_IN_PATH = "/merchant/sign-in";
export const FORBIDDEN_PATH = "/merchant/forbidden";
/** Set by proxy.ts so a page can send the user back where they were after sign-in. */
export const PATH_HEADER = "x-aftercare-path";

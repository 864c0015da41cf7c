import { withAuth } from "next-auth/middleware";

/**
 * A first gate only: sends anonymous visitors of protected paths to the login page. Every page, procedure and
 * route handler still checks the user, permission and scope itself against the database.
 */
export default withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/dashboard/:path*", "/todo/:path*", "/customers/:path*", "/portal/:path*", "/admin/:path*"] };

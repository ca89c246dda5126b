import { openApiDocument } from "~/modules/reports/openapi";

// The API's description: public, like any API documentation; it holds no data.
export function loader() {
  return Response.json(openApiDocument, { headers: { "Cache-Control": "public, max-age=300" } });
}

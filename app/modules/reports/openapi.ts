// The reporting API described for integrators (OpenAPI 3.1), served at /api/v1/openapi.json.
import { scorecardPath, scorecardSchemas } from "./openapi-scorecard";
const figures = {
  count: { type: "integer", minimum: 0 },
  investmentWan: { type: "string", pattern: "^-?\\d+\\.\\d{2}$", description: "Total investment in wan (10,000 CNY), exact, two decimals", examples: ["123456.70"] },
} as const;

const cell = {
  type: "object",
  required: ["count", "investmentWan"],
  properties: {
    ...figures,
    previous: {
      type: "object",
      required: ["count", "investmentWan"],
      properties: figures,
      description: "Only with `compare`: the same figures in the compared period (yoy: a year earlier; pop: the period just before)",
    },
  },
} as const;

const decimal = { type: "string", pattern: "^-?\\d+\\.\\d{2}$" } as const;

const error = { type: "object", required: ["error"], properties: { error: { type: "string" } } } as const;

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Investment attraction CRM API",
    version: "1.0.0",
    description:
      "Token-authenticated API of the investment-attraction CRM. Every call acts with the rights of the token's user and sees only that user's zone. Tokens are made by an administrator (/admin/tokens) or on the server with `npm run token -- create --user LOGIN [--days N] [--scopes a,b]`. A token expires (90 days by default, 1–365), is revoked for good when its user is disabled, and carries scopes: `reports:read` (users who may read the zone's reports: leaders, admins; and province and city leaders, for the figures by zone) and `imports:write` (users who may import: a company's manager, admins). Each route names its scope; `/api/v1/me` needs none.",
  },
  servers: [{ url: "/" }],
  security: [{ bearerAuth: [] }],
  components: {
    securitySchemes: {
      bearerAuth: {
        type: "http",
        scheme: "bearer",
        description: "An API token (zcrm_…) with its scopes: reports:read, imports:write. OpenAPI 3.1 lists a route's scope in its `security` requirement.",
      },
    },
    schemas: {
      Cell: cell,
      Error: error,
      ThreeBatches: {
        type: "object",
        required: ["from", "to", "published", "rows", "total"],
        properties: {
          from: { type: "string", format: "date" },
          to: { type: "string", format: "date" },
          compare: {
            type: "object",
            required: ["kind", "from", "to"],
            description: "Only with `compare`: the compared period",
            properties: { kind: { type: "string", enum: ["yoy", "pop"] }, from: { type: "string", format: "date" }, to: { type: "string", format: "date" } },
          },
          published: {
            type: ["object", "null"],
            required: ["at", "by"],
            description: "When and by whom leadership published this period (its figures are then the frozen ones); null when not published",
            properties: { at: { type: "string", format: "date-time" }, by: { type: ["string", "null"], description: "The publisher's name" } },
          },
          changesSincePublished: {
            type: "array",
            description: "Only for a published period: each project milestone whose date, investment, company or evidence changed since publication",
            items: {
              type: "object",
              required: ["code", "milestone", "kind", "publishedOn", "currentOn", "publishedWan", "currentWan", "differenceWan"],
              properties: {
                code: { type: ["string", "null"], description: "The project's code; null for a confidential project the token's user may not open" },
                milestone: { type: "string", enum: ["signed", "construction", "production"] },
                kind: { type: "string", enum: ["changed", "movedOut", "newInPeriod"], description: "changed in the period; its date moved out of it (or was taken back); newly dated into it" },
                publishedOn: { type: ["string", "null"], format: "date" },
                currentOn: { type: ["string", "null"], format: "date" },
                publishedWan: { ...decimal, type: ["string", "null"] },
                currentWan: { ...decimal, type: ["string", "null"] },
                differenceWan: { ...decimal, description: "current − published in wan, exact (a milestone gone from the period counts −published, a new one +current)" },
              },
            },
          },
          rows: {
            type: "array",
            description: "One row per company of the caller's zone",
            items: {
              type: "object",
              required: ["companyId", "code", "company", "cluster", "signed", "construction", "production"],
              properties: {
                companyId: { type: "integer" },
                code: { type: ["string", "null"], description: "The company's short code (e.g. bdt), where one is set" },
                company: { type: "string" },
                cluster: { type: ["string", "null"], description: "The industry cluster of an attraction company; null for service and platform companies" },
                signed: { $ref: "#/components/schemas/Cell" },
                construction: { $ref: "#/components/schemas/Cell" },
                production: { $ref: "#/components/schemas/Cell" },
              },
            },
          },
          total: {
            type: "object",
            required: ["signed", "construction", "production"],
            properties: {
              signed: { $ref: "#/components/schemas/Cell" },
              construction: { $ref: "#/components/schemas/Cell" },
              production: { $ref: "#/components/schemas/Cell" },
            },
          },
        },
      },
      ThreeBatchesByZone: {
        type: "object",
        required: ["from", "to", "rows", "total", "totalLive", "totalPublished"],
        description:
          "by=zone (a province or city leader's token): one row per zone the token's user may read (a city leader's: the zones of their city). Counted for the owning company, every claimed milestone.",
        properties: {
          from: { type: "string", format: "date" },
          to: { type: "string", format: "date" },
          rows: {
            type: "array",
            items: {
              type: "object",
              required: ["zoneCode", "zone", "city", "published", "signed", "construction", "production", "live"],
              properties: {
                zoneCode: { type: "string" },
                zone: { type: "string" },
                city: { type: ["string", "null"], description: "The zone's city; null where none is set" },
                published: {
                  type: ["object", "null"],
                  required: ["at", "by"],
                  description: "When the zone published exactly this period: signed/construction/production are then its published (frozen) figures. null: not published, and they are its live figures",
                  properties: { at: { type: "string", format: "date-time" }, by: { type: ["string", "null"] } },
                },
                signed: { $ref: "#/components/schemas/Cell" },
                construction: { $ref: "#/components/schemas/Cell" },
                production: { $ref: "#/components/schemas/Cell" },
                live: {
                  type: "object",
                  required: ["signed", "construction", "production"],
                  description: "The zone's figures as they stand now, published or not",
                  properties: { signed: { $ref: "#/components/schemas/Cell" }, construction: { $ref: "#/components/schemas/Cell" }, production: { $ref: "#/components/schemas/Cell" } },
                },
              },
            },
          },
          total: {
            type: "object",
            required: ["signed", "construction", "production"],
            description: "The sum of the rows as given (published figures where published, live elsewhere)",
            properties: { signed: { $ref: "#/components/schemas/Cell" }, construction: { $ref: "#/components/schemas/Cell" }, production: { $ref: "#/components/schemas/Cell" } },
          },
          totalLive: {
            type: "object",
            required: ["signed", "construction", "production"],
            description: "Every zone's live figures summed",
            properties: { signed: { $ref: "#/components/schemas/Cell" }, construction: { $ref: "#/components/schemas/Cell" }, production: { $ref: "#/components/schemas/Cell" } },
          },
          totalPublished: {
            type: "object",
            required: ["zones", "signed", "construction", "production"],
            description: "The published figures of the zones that published this period, summed; `zones` says how many",
            properties: {
              zones: { type: "integer", minimum: 0 },
              signed: { $ref: "#/components/schemas/Cell" },
              construction: { $ref: "#/components/schemas/Cell" },
              production: { $ref: "#/components/schemas/Cell" },
            },
          },
        },
      },
      ...scorecardSchemas,
      ImportErrors: {
        type: "object",
        required: ["errors"],
        properties: {
          errors: {
            type: "array",
            items: {
              type: "object",
              required: ["row", "column", "message"],
              properties: { row: { type: "integer" }, column: { type: "string" }, message: { type: "string" } },
            },
          },
        },
      },
    },
    responses: {
      Unauthorized: { description: "Missing, malformed, revoked, expired or unknown token, or its user is disabled", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      Forbidden: {
        description: "The token lacks the route's scope (`scope` names it), or the token's user lacks the right",
        content: { "application/json": { schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { scope: { type: "string", enum: ["reports:read", "imports:write"] } } }] } } },
      },
    },
  },
  paths: {
    "/api/v1/me": {
      get: {
        summary: "Who the token acts as",
        operationId: "getMe",
        description: "Any valid token; no scope needed.",
        responses: {
          "200": {
            description: "The token's user",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["login", "role", "zoneId", "companyId", "scopes"],
                  properties: {
                    login: { type: "string" },
                    role: { type: "string", enum: ["staff", "manager", "leader", "admin", "province_leader", "city_leader"] },
                    zoneId: { type: "integer" },
                    companyId: { type: ["integer", "null"] },
                    scopes: { type: "array", items: { type: "string", enum: ["reports:read", "imports:write"] }, description: "What the token may call" },
                  },
                },
              },
            },
          },
          "401": { $ref: "#/components/responses/Unauthorized" },
        },
      },
    },
    "/api/v1/reports/three-batches": {
      get: {
        summary: "Three batches (san ge yi pi): projects signed, started construction and started production in a period",
        description:
          "Counted by the business date of each stage; total investment summed exactly. A period that leadership has published answers its published (frozen) figures. Needs a token with the scope reports:read (a leader's or admin's).",
        operationId: "getThreeBatches",
        security: [{ bearerAuth: ["reports:read"] }],
        parameters: [
          { name: "from", in: "query", required: true, schema: { type: "string", format: "date" }, example: "2026-01-01" },
          { name: "to", in: "query", required: true, schema: { type: "string", format: "date" }, example: "2026-12-31" },
          {
            name: "by",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["company", "zone"], default: "company" },
            description:
              "company: the token's zone per company (a zone's leader or admin). zone: the province's view, one row per zone (a province or city leader's token; a zone's token gets 403); it takes only from and to",
          },
          { name: "basis", in: "query", required: false, schema: { type: "string", enum: ["owner", "firstContact"], default: "owner" }, description: "Credit each project to its owner company or its first-contact company" },
          { name: "evidence", in: "query", required: false, schema: { type: "string", enum: ["all", "only"], default: "all" }, description: "Count all claimed milestones or only those with evidence" },
          {
            name: "compare",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["yoy", "pop"] },
            description: "yoy (year on year): the same month, quarter, year or dates a year earlier; pop (period on period): the period just before, of the same kind or number of days. Adds `previous` beside each figure and `compare` with the compared period",
          },
        ],
        responses: {
          "200": {
            description: "Per company and for the zone (by=company), or per zone and for the province (by=zone)",
            content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/ThreeBatches" }, { $ref: "#/components/schemas/ThreeBatchesByZone" }] } } },
          },
          "400": { description: "Missing or invalid dates, from after to, more than ten years, a compare other than yoy/pop, a by other than company/zone, or by=zone with compare/basis/evidence", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          "401": { $ref: "#/components/responses/Unauthorized" },
          "403": { $ref: "#/components/responses/Forbidden" },
        },
      },
    },
    ...scorecardPath,
    "/api/v1/imports": {
      post: {
        summary: "Import projects in the import template",
        description:
          "A CSV or XLSX file, one project a row, header names as in the import template (Chinese or English). Rows whose project code exists in the zone update that project, others create one. A file with any bad row is refused whole and nothing is written. Needs a token with the scope imports:write (a company manager's or admin's).",
        operationId: "postImport",
        security: [{ bearerAuth: ["imports:write"] }],
        requestBody: {
          required: true,
          content: {
            "text/csv": { schema: { type: "string" } },
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
            "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } },
          },
        },
        responses: {
          "200": {
            description: "Imported",
            content: { "application/json": { schema: { type: "object", required: ["created", "updated"], properties: { created: { type: "integer" }, updated: { type: "integer" } } } } },
          },
          "400": { description: "Not a CSV/XLSX file", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          "401": { $ref: "#/components/responses/Unauthorized" },
          "403": { $ref: "#/components/responses/Forbidden" },
          "422": { description: "Bad rows: every bad row's number, column and reason; nothing written", content: { "application/json": { schema: { $ref: "#/components/schemas/ImportErrors" } } } },
        },
      },
    },
  },
} as const;

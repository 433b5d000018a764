// npm run token -- create --name NAME --role analyst|viewer   prints a new token, once
// npm run token -- list                                       names and roles, never tokens
// npm run token -- revoke --name NAME
// Only a hash of each token is stored (server/services/createToken.ts): a lost token cannot be
// shown again; revoke it and create another.
import { parseArgs } from "node:util";
import { readConfig } from "../server/config.ts";
import { closeStore, openStore, storeLocation } from "../server/db/client.ts";
import { TOKEN_ROLES, type TokenRole } from "../server/db/schema.ts";
import { createToken } from "../server/services/createToken.ts";
import { listTokens } from "../server/services/listTokens.ts";
import { revokeToken } from "../server/services/revokeToken.ts";

const USAGE = "usage: npm run token -- create --name NAME --role analyst|viewer | list | revoke --name NAME";
const { values, positionals } = parseArgs({ options: { name: { type: "string" }, role: { type: "string" } }, allowPositionals: true });
const [command] = positionals;
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const isTokenRole = (role: string | undefined): role is TokenRole => TOKEN_ROLES.some((known) => known === role);

function requiredName(): string {
  const name = values.name?.trim();
  return name ? name : fail(`--name is required\n${USAGE}`);
}

type Request = { command: "create"; name: string; role: TokenRole } | { command: "list" } | { command: "revoke"; name: string };

/** The command and what it needs, checked before the store is opened. */
function readRequest(): Request {
  if (command === "create") {
    const name = requiredName();
    if (!isTokenRole(values.role)) return fail(`--role must be ${TOKEN_ROLES.join(" or ")}\n${USAGE}`);
    return { command, name, role: values.role };
  }
  if (command === "revoke") return { command, name: requiredName() };
  if (command === "list") return { command };
  return fail(USAGE);
}

const request = readRequest();
const store = await openStore(storeLocation(readConfig()));
try {
  if (request.command === "create") {
    const created = await createToken(store, { name: request.name, role: request.role });
    console.error(`Created ${created.role} token "${created.name}". It is shown only this once; send it as Authorization: Bearer TOKEN.`);
    console.log(created.token);
  } else if (request.command === "list") {
    for (const token of await listTokens(store)) console.log(`${token.name}\t${token.role}\tcreated ${token.createdAt}`);
  } else if (!(await revokeToken(store, request.name))) {
    fail(`No token named "${values.name}"`);
  } else {
    console.log(`Revoked "${values.name}"`);
  }
} catch (error) {
  fail((error as Error).message);
} finally {
  await closeStore(store);
}

// Builds the front-end assets into src/casereview/static/dist (build output, not committed).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const dist = join(root, "src", "casereview", "static", "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

execFileSync(
  join(modules, ".bin", "sass"),
  [
    "--pkg-importer=node",
    `--load-path=${root}`,
    "--style=compressed",
    "--no-source-map",
    "--quiet-deps",
    join(root, "src", "casereview", "assets", "app.scss"),
    join(dist, "app.css"),
  ],
  { stdio: "inherit" },
);

const copies = [
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk-frontend.min.js"],
  ["govuk-frontend/dist/govuk/assets", "assets"],
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
];
for (const [from, to] of copies) {
  cpSync(join(modules, from), join(dist, to), { recursive: true });
}
console.log(`assets built in ${dist}`);

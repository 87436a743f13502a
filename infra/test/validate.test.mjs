// Proves that validate.mjs catches what it must: each case copies infra/ (with BACKLOG.md and
// ConfigKey.java) to a scratch folder, breaks one thing, and expects the problem it names.
//   node --test test/validate.test.mjs      (mvn verify runs it before validate.mjs)
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { validateInfra } from "./validate.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const INFRA = path.resolve(HERE, "..");
const REPO = path.dirname(INFRA);
const CONFIG_KEY = "flow-runtime/src/main/java/io/fluxo/runtime/config/ConfigKey.java";

/** Runs validateInfra on a copy of infra/ where `file` went through `change`. */
async function validateWith(file, change, { lint = false } = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), "fluxo-infra-case-"));
  try {
    cpSync(INFRA, path.join(scratch, "infra"), { recursive: true, filter: (f) => !f.includes("node_modules") });
    cpSync(path.join(REPO, "BACKLOG.md"), path.join(scratch, "BACKLOG.md"));
    cpSync(path.join(REPO, CONFIG_KEY), path.join(scratch, CONFIG_KEY));
    const target = path.join(scratch, file);
    const before = readFileSync(target, "utf8");
    const after = change(before);
    assert.notEqual(after, before, `the case must change ${file}`);
    writeFileSync(target, after);
    return await validateInfra(path.join(scratch, "infra"), { lint });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function fails(name, file, change, expected, options) {
  test(`fails on ${name}`, async () => {
    const { problems } = await validateWith(file, change, options);
    assert.ok(problems.some((p) => expected.test(p)), `expected a problem matching ${expected}, got:\n${problems.join("\n")}`);
  });
}

describe("validate.mjs", () => {
  test("passes the files as committed", async () => {
    const { problems } = await validateInfra(INFRA, { lint: false });
    assert.deepEqual(problems, []);
  });

  fails("a field of the wrong type", "infra/fluxo-service/deployment.yaml",
    (s) => s.replace("containerPort: 8780", 'containerPort: "8780"'), /containerPort must be integer/);
  fails("a kind nobody allowed", "infra/minio/services.yaml",
    (s) => `${s}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: minio\n`, /unknown kind example\.com\/v1 Widget/);
  fails("a secret that does not exist", "infra/fluxo-service/deployment.yaml",
    (s) => s.replace("name: fluxo-db\n", "name: fluxo-dbb\n"), /Secret fluxo\/fluxo-dbb does not exist/);
  fails("a key the secret does not have", "infra/postgres/statefulset.yaml",
    (s) => s.replace("key: POSTGRES_PASSWORD", "key: PASSWORD"), /postgres-creds has no key PASSWORD/);
  fails("an ingress host no certificate covers", "infra/fluxo-service/ingress.yaml",
    (s) => s.replaceAll("fluxo.fluxo.local", "ui.fluxo.local"), /TLS host ui\.fluxo\.local is not among the dnsNames/);
  fails("an ingress backend that does not exist", "infra/traefik/ingresses.yaml",
    (s) => s.replace("name: minio-console", "name: minio-ui"), /Service minio\/minio-ui does not exist/);
  fails("a laptop URL no ingress serves", "infra/laptop/config.json.example",
    (s) => s.replace("https://minio.fluxo.local", "https://s3.fluxo.local"), /datastore\.endpoint .*no ingress serves s3\.fluxo\.local/);
  fails("a laptop key Fluxo does not read", "infra/laptop/config.json.example",
    (s) => s.replace('"region"', '"zone"'), /datastore\.zone is not a key Fluxo reads/);
  fails("a kustomization resource that is missing", "infra/postgres/kustomization.yaml",
    (s) => s.replace("service.yaml", "services.yaml"), /resource services\.yaml does not exist/);
  fails("a secret create-secrets.sh no longer makes", "infra/secrets/create-secrets.sh",
    (s) => s.replace("generic fluxo fluxo-db ", ": generic fluxo fluxo-db "), /fluxo-db: is a template of a secret create-secrets\.sh does not make/);
  fails("a YAML syntax error", "infra/postgres/service.yaml",
    (s) => s.replace("  selector:", "  selector: ["), /invalid YAML/);
  fails("a host CoreDNS does not send to Traefik", "infra/traefik/coredns-custom.yaml",
    (s) => s.replace("(.+)\\.fluxo", "(minio)\\.fluxo"), /no rewrite matches harbor\.fluxo\.local/);
  fails("a Traefik middleware that does not exist", "infra/fluxo-service/ingress.yaml",
    (s) => s.replace("kube-system-security-headers", "kube-system-headers"), /middleware kube-system-headers@kubernetescrd/);
  fails("a configure line that writes another profile", "infra/laptop/README.md",
    (s) => s.replace("--k8s-namespace fluxo", "--k8s-namespace ml"), /configure writes kubernetes\.namespace="ml"/);
  fails("a BACKLOG step naming a missing script", "BACKLOG.md",
    (s) => s.replace("infra/harbor/create-project.sh", "infra/harbor/create-projects.sh"), /names infra\/harbor\/create-projects\.sh, which does not exist/);
  fails("a shell script shellcheck rejects", "infra/harbor/install.sh",
    (s) => s.replace('--values "$here/values.yaml"', "--values $here/values.yaml"), /SC2086/, { lint: true });
});

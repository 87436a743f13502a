// Validates infra/ offline, as `mvn -B verify` runs it (module infra): node validate.mjs [INFRA_DIR]
//  1. parses every YAML file (all documents) and sorts it: Kubernetes manifests, kustomizations,
//     Helm values, K3s config templates; anything else fails;
//  2. validates each Kubernetes object against its upstream schema (kubernetes-models and its
//     cert-manager and Traefik packages); a kind without a model fails unless listed in SCHEMALESS;
//  3. checks that every name an object refers to exists where it is referred to: namespaces,
//     secrets and their keys, config maps, service accounts, services and their ports, volume
//     claims, storage classes, issuers, roles, TLS secrets and certificate names of ingress hosts,
//     Traefik middlewares, CoreDNS' rewrite of the hosts, kustomization resources, and the laptop
//     profile (keys Fluxo reads, URLs of the ingresses, namespace, image, secrets, bucket);
//  4. checks the operator's documents (BACKLOG.md, infra/**/*.md): paths, apply -k folders, hosts;
//  5. renders what the scripts generate (create-secrets.sh with a stand-in kubectl, the K3s config
//     templates) and validates that too;
//  6. runs shellcheck on every *.sh and yamllint on every *.yaml.
// Prints every problem found, then exits 1 if there was one.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";

const HERE = path.dirname(fileURLToPath(import.meta.url));
// ---------------------------------------------------------------------------------------------
// What the validation knows beyond the files: schemas, objects that others create, file roles.

/** The model package of each apiVersion: every kind of it is a class exported by that module. */
const MODELS = {
  v1: "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "rbac.authorization.k8s.io/v1": "kubernetes-models/rbac.authorization.k8s.io/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "storage.k8s.io/v1": "kubernetes-models/storage.k8s.io/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "cert-manager.io/v1": "@kubernetes-models/cert-manager/cert-manager.io/v1",
  "traefik.io/v1alpha1": "@kubernetes-models/traefik/traefik.io/v1alpha1",
};

/** Kinds allowed without a published schema, each with the check that stands in for one. */
const SCHEMALESS = {
  // K3s' helm-controller: extra values for a chart K3s installs
  "helm.cattle.io/v1 HelmChartConfig": (object, where, problem) => {
    const values = object.spec?.valuesContent;
    if (typeof values !== "string") return problem(where, "spec.valuesContent must be a string of YAML");
    try {
      const parsed = parse(values);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        problem(where, "spec.valuesContent must be a YAML mapping of chart values");
      }
    } catch (e) {
      problem(where, `spec.valuesContent is not YAML: ${e.message.split("\n")[0]}`);
    }
    const extra = Object.keys(object.spec ?? {}).filter((k) => !["valuesContent", "failurePolicy"].includes(k));
    if (extra.length) problem(where, `unknown spec fields ${extra.join(", ")}`);
  },
};

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterIssuer", "ClusterRole", "ClusterRoleBinding", "StorageClass",
  "IngressClass", "PriorityClass", "CustomResourceDefinition"]);

/**
 * Objects that exist without a manifest here: made by Kubernetes, K3s, a chart (as configured by its
 * values file here) or an install script. `ports` lists a service's ports, `keys` a secret's keys.
 */
const PROVIDED = [
  { kind: "Namespace", name: "kube-system", by: "Kubernetes" },
  { kind: "Namespace", name: "default", by: "Kubernetes" },
  { kind: "ServiceAccount", namespace: "*", name: "default", by: "Kubernetes, in every namespace" },
  { kind: "IngressClass", name: "traefik", by: "K3s' bundled Traefik" },
  { kind: "Service", namespace: "kube-system", name: "traefik", ports: [{ name: "web", port: 80 }, { name: "websecure", port: 443 }], by: "K3s' bundled Traefik" },
  { kind: "StorageClass", name: "longhorn", by: "infra/longhorn/values.yaml (persistence.defaultClass)" },
  { kind: "Service", namespace: "harbor", name: "harbor", ports: [{ name: "http", port: 80 }], by: "infra/harbor/values.yaml (expose.clusterIP)" },
  { kind: "Service", namespace: "cattle-system", name: "rancher", ports: [{ name: "http", port: 80 }], by: "Rancher's chart (infra/rancher/values.yaml)" },
  { kind: "Secret", namespace: "cattle-system", name: "tls-ca", keys: ["cacerts.pem"], by: "infra/rancher/install.sh" },
  { kind: "ServiceAccount", namespace: "fluxo", name: "spark-operator-spark", by: "infra/spark-operator/values.yaml (spark.serviceAccount)" },
];

/** Facts PROVIDED relies on, checked in the values files that make them true. */
const VALUES_FACTS = [
  ["harbor/values.yaml", "expose.type", "clusterIP"],
  ["harbor/values.yaml", "expose.clusterIP.name", "harbor"],
  ["harbor/values.yaml", "expose.clusterIP.ports.httpPort", 80],
  ["harbor/values.yaml", "expose.tls.enabled", false],
  ["rancher/values.yaml", "tls", "external"],
  ["rancher/values.yaml", "ingress.enabled", false],
  ["longhorn/values.yaml", "persistence.defaultClass", true],
  ["longhorn/values.yaml", "persistence.defaultClassReplicaCount", 3],
  ["cert-manager/values.yaml", "crds.enabled", true],
  ["spark-operator/values.yaml", "spark.serviceAccount.create", true],
];

/** Secrets named in Helm values files: [file, path of the value, namespace the chart is installed in]. */
const VALUES_SECRETS = [
  ["harbor/values.yaml", "existingSecretAdminPassword", "harbor", "existingSecretAdminPasswordKey"],
  ["harbor/values.yaml", "existingSecretSecretKey", "harbor", null, "secretKey"],
];

/** Storage classes named in Helm values files. */
const VALUES_STORAGE_CLASSES = /(^|\.)storageClass$/;

/** YAML files that are not Kubernetes manifests, by their path under infra/. */
const NON_MANIFESTS = [
  { pattern: /(^|\/)values[^/]*\.yaml$/, role: "Helm values" },
  { pattern: /^k3s\/(server-config|agent-config|registries)\.yaml$/, role: "K3s configuration template" },
  { pattern: /^\.yamllint\.yaml$/, role: "yamllint configuration" },
];

/** The model modules, imported once. */
const modules = {};
for (const [apiVersion, module] of Object.entries(MODELS)) modules[apiVersion] = await import(module);

/**
 * Validates the infra/ folder INFRA_DIR (its parent holds BACKLOG.md and flow-runtime); returns
 * every problem found, and a one-line summary. `lint: false` skips shellcheck and yamllint.
 */
export async function validateInfra(infraDir, { lint = true } = {}) {
  const INFRA = path.resolve(infraDir);
  const REPO = path.dirname(INFRA);
  const problems = [];
  const problem = (where, message) => problems.push(`${where}: ${message}`);
  const rel = (file) => path.relative(INFRA, file);

  // ---------------------------------------------------------------------------------------------
  // 1. Reading the files.

  function walk(dir) {
    const found = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) found.push(...walk(full));
      else found.push(full);
    }
    return found.sort();
  }

  const files = walk(INFRA);
  const yamlFiles = files.filter((f) => /\.ya?ml$/.test(f));
  const shellFiles = files.filter((f) => f.endsWith(".sh"));
  const domain = readFileSync(path.join(INFRA, "domain.env"), "utf8").match(/^FLUXO_DOMAIN=(\S+)$/m)?.[1];
  if (!domain) problem("domain.env", "no FLUXO_DOMAIN=... line");

  function readYaml(file) {
    const docs = parseAllDocuments(readFileSync(file, "utf8"), { prettyErrors: false });
    const out = [];
    docs.forEach((doc, i) => {
      for (const e of doc.errors) problem(`${rel(file)}#${i + 1}`, `invalid YAML: ${e.message.split("\n")[0]}`);
      const value = doc.errors.length === 0 ? doc.toJS() : null;
      if (value !== null) out.push(value); // an empty document (a trailing ---) holds nothing
    });
    return out;
  }

  const get = (object, dotted) => dotted.split(".").reduce((o, k) => (o == null ? undefined : o[k]), object);

  // every object: { object, file, where, namespace }
  const objects = [];
  const kustomizations = [];
  const valuesFiles = {};

  for (const file of yamlFiles) {
    const name = rel(file);
    const docs = readYaml(file);
    const role = NON_MANIFESTS.find((n) => n.pattern.test(name));
    if (role) {
      if (role.role === "Helm values") valuesFiles[name] = docs[0] ?? {};
      continue;
    }
    if (path.basename(file) === "kustomization.yaml") {
      kustomizations.push({ file, spec: docs[0] ?? {} });
      continue;
    }
    docs.forEach((object, i) => {
      const where = `${name}#${i + 1}`;
      if (object === null || typeof object !== "object" || !object.apiVersion || !object.kind) {
        return problem(where, "not a Kubernetes object (no apiVersion and kind), and not a known non-manifest file");
      }
      objects.push({ object, file, where: `${where} ${object.kind}/${object.metadata?.name ?? "?"}` });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Schemas.

  function validateSchema({ object, where }) {
    const schemaless = SCHEMALESS[`${object.apiVersion} ${object.kind}`];
    if (schemaless) return schemaless(object, where, problem);
    const Model = modules[object.apiVersion]?.[object.kind];
    if (typeof Model !== "function") {
      return problem(where, `unknown kind ${object.apiVersion} ${object.kind}: no schema to validate it against (allow it in SCHEMALESS with a check)`);
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problem(where, `does not match the ${object.apiVersion} ${object.kind} schema: ${e.message}`);
    }
  }

  /** A template's object as filled in: each REPLACE_WITH_... placeholder of a Secret's data as valid base64. */
  function filledIn({ object, file }) {
    if (!/\.template\.yaml$/.test(file) || object.kind !== "Secret" || !object.data) return object;
    const data = Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, /^REPLACE_WITH_/.test(v) ? "cGxhY2Vob2xkZXI=" : v]));
    return { ...object, data };
  }

  for (const o of objects) {
    validateSchema({ ...o, object: filledIn(o) });
    if (!o.object.metadata?.name) problem(o.where, "metadata.name is missing");
  }

  // ---------------------------------------------------------------------------------------------
  // Kustomizations: their resources exist, their namespace agrees with the objects', and every
  // manifest outside a template is applied by one.

  const applied = new Set();
  for (const { file, spec } of kustomizations) {
    const dir = path.dirname(file);
    const where = rel(file);
    if (spec.apiVersion !== "kustomize.config.k8s.io/v1beta1" || spec.kind !== "Kustomization") {
      problem(where, "must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization");
    }
    for (const resource of spec.resources ?? []) {
      const target = path.resolve(dir, resource);
      if (!existsSync(target)) {
        problem(where, `resource ${resource} does not exist`);
      } else if (statSync(target).isDirectory()) {
        if (!existsSync(path.join(target, "kustomization.yaml"))) problem(where, `resource ${resource} is a folder without kustomization.yaml`);
      } else if (!target.startsWith(dir + path.sep)) {
        problem(where, `resource ${resource} is outside the kustomization's folder (kustomize refuses it; reference its folder)`);
      } else {
        applied.add(target);
        if (spec.namespace) {
          for (const o of objects.filter((x) => x.file === target && !CLUSTER_SCOPED.has(x.object.kind))) {
            if (o.object.metadata?.namespace && o.object.metadata.namespace !== spec.namespace) {
              problem(o.where, `namespace ${o.object.metadata.namespace}, but ${where} sets namespace ${spec.namespace}`);
            }
          }
        }
      }
    }
  }
  for (const file of new Set(objects.map((o) => o.file))) {
    const name = rel(file);
    const isTemplate = /\.template\.yaml$/.test(name);
    if (!isTemplate && !applied.has(file)) problem(name, "not listed in the resources of a kustomization.yaml (apply -k would miss it)");
  }

  // ---------------------------------------------------------------------------------------------
  // The registry of what exists: objects here, what certificates make, what others provide.

  const registry = new Map(); // "Kind/namespace/name" -> { keys?, ports?, labels?, by }
  const id = (kind, namespace, name) => `${kind}/${CLUSTER_SCOPED.has(kind) ? "" : namespace}/${name}`;
  function define(kind, namespace, name, facts) {
    const key = id(kind, namespace, name);
    if (registry.has(key)) problem(facts.by, `${kind} ${namespace ? namespace + "/" : ""}${name} is also defined by ${registry.get(key).by}`);
    else registry.set(key, facts);
  }
  const exists = (kind, namespace, name) => registry.has(id(kind, namespace, name)) || registry.has(id(kind, "*", name));
  const lookup = (kind, namespace, name) => registry.get(id(kind, namespace, name)) ?? registry.get(id(kind, "*", name));

  for (const o of objects) {
    const { object } = o;
    const scoped = !CLUSTER_SCOPED.has(object.kind);
    o.namespace = object.metadata?.namespace;
    if (scoped && !o.namespace) problem(o.where, "has no metadata.namespace: every namespaced object names its namespace");
    if (!scoped && o.namespace) problem(o.where, `is cluster-scoped but names namespace ${o.namespace}`);
    const facts = { by: o.where };
    if (object.kind === "Secret") facts.keys = [...Object.keys(object.data ?? {}), ...Object.keys(object.stringData ?? {})];
    if (object.kind === "ConfigMap") facts.keys = Object.keys(object.data ?? {});
    if (object.kind === "Service") facts.ports = object.spec?.ports ?? [];
    define(object.kind, o.namespace, object.metadata?.name, facts);
    if (object.kind === "Certificate" && object.spec?.secretName) {
      define("Secret", o.namespace, object.spec.secretName, { keys: ["tls.crt", "tls.key", "ca.crt"], by: `${o.where} (spec.secretName)` });
    }
  }
  for (const p of PROVIDED) define(p.kind, p.namespace, p.name, { keys: p.keys, ports: p.ports, by: p.by });

  for (const [file, dotted, expected] of VALUES_FACTS) {
    const actual = get(valuesFiles[file], dotted);
    if (actual !== expected) problem(file, `${dotted} must be ${JSON.stringify(expected)} (the validation assumes it), found ${JSON.stringify(actual)}`);
  }

  // ---------------------------------------------------------------------------------------------
  // 3. References.

  function need(where, kind, namespace, name, what) {
    if (!name) return undefined;
    if (!CLUSTER_SCOPED.has(kind) && namespace && namespace !== "*" && !exists("Namespace", undefined, namespace)) {
      problem(where, `${what}: namespace ${namespace} does not exist`);
      return undefined;
    }
    if (!exists(kind, namespace, name)) {
      problem(where, `${what}: ${kind} ${CLUSTER_SCOPED.has(kind) ? "" : namespace + "/"}${name} does not exist`);
      return undefined;
    }
    return lookup(kind, namespace, name);
  }

  function needKey(where, kind, namespace, name, key, what) {
    const facts = need(where, kind, namespace, name, what);
    if (facts?.keys && key && !facts.keys.includes(key)) {
      problem(where, `${what}: ${kind} ${namespace}/${name} has no key ${key} (it has ${facts.keys.join(", ")})`);
    }
  }

  // pod templates of the workloads: { where, namespace, labels, spec }
  const podTemplates = [];
  for (const o of objects) {
    const { object, where, namespace } = o;
    if (namespace) need(where, "Namespace", undefined, namespace, "metadata.namespace");
    let template;
    if (["Deployment", "StatefulSet", "DaemonSet", "Job"].includes(object.kind)) template = object.spec?.template;
    if (object.kind === "CronJob") template = object.spec?.jobTemplate?.spec?.template;
    if (object.kind === "Pod") template = object;
    if (template?.spec) {
      podTemplates.push({ where, namespace, labels: template.metadata?.labels ?? {}, spec: template.spec, object });
    }
  }

  for (const { where, namespace, spec, object } of podTemplates) {
    need(where, "ServiceAccount", namespace, spec.serviceAccountName, "serviceAccountName");
    for (const s of spec.imagePullSecrets ?? []) need(where, "Secret", namespace, s.name, "imagePullSecrets");
    const claims = new Set((object.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name));
    for (const t of object.spec?.volumeClaimTemplates ?? []) {
      need(where, "StorageClass", undefined, t.spec?.storageClassName, `volumeClaimTemplates ${t.metadata?.name}`);
    }
    const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
    for (const v of spec.volumes ?? []) {
      if (v.secret) need(where, "Secret", namespace, v.secret.secretName, `volume ${v.name}`);
      if (v.configMap) need(where, "ConfigMap", namespace, v.configMap.name, `volume ${v.name}`);
      if (v.persistentVolumeClaim) need(where, "PersistentVolumeClaim", namespace, v.persistentVolumeClaim.claimName, `volume ${v.name}`);
    }
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const cw = `${where} container ${c.name}`;
      for (const e of c.env ?? []) {
        const s = e.valueFrom?.secretKeyRef;
        if (s && !s.optional) needKey(cw, "Secret", namespace, s.name, s.key, `env ${e.name}`);
        const m = e.valueFrom?.configMapKeyRef;
        if (m && !m.optional) needKey(cw, "ConfigMap", namespace, m.name, m.key, `env ${e.name}`);
      }
      for (const e of c.envFrom ?? []) {
        if (e.secretRef && !e.secretRef.optional) need(cw, "Secret", namespace, e.secretRef.name, "envFrom");
        if (e.configMapRef && !e.configMapRef.optional) need(cw, "ConfigMap", namespace, e.configMapRef.name, "envFrom");
      }
      for (const m of c.volumeMounts ?? []) {
        if (!volumes.has(m.name) && !claims.has(m.name)) problem(cw, `volumeMount ${m.name}: no volume or volumeClaimTemplate of that name`);
      }
      const portNames = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
      for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
        const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
        if (typeof port === "string" && !portNames.has(port)) problem(cw, `${probe} uses port ${port}, which the container does not name`);
      }
    }
  }

  // services select pods, and their named target ports exist on them
  for (const o of objects.filter((x) => x.object.kind === "Service")) {
    const selector = o.object.spec?.selector;
    if (!selector) continue;
    const pods = podTemplates.filter((p) => p.namespace === o.namespace
      && Object.entries(selector).every(([k, v]) => p.labels[k] === v));
    if (pods.length === 0) {
      problem(o.where, `selects no pods: no workload in ${o.namespace} has labels ${JSON.stringify(selector)}`);
      continue;
    }
    for (const port of o.object.spec?.ports ?? []) {
      if (typeof port.targetPort !== "string") continue;
      const named = pods.some((p) => (p.spec.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.name === port.targetPort)));
      if (!named) problem(o.where, `port ${port.name ?? port.port}: targetPort ${port.targetPort} is not a container port of the pods it selects`);
    }
  }

  // service accounts, RBAC, volume claims
  for (const o of objects) {
    const { object, where, namespace } = o;
    if (object.kind === "ServiceAccount") {
      for (const s of object.imagePullSecrets ?? []) need(where, "Secret", namespace, s.name, "imagePullSecrets");
    }
    if (object.kind === "RoleBinding" || object.kind === "ClusterRoleBinding") {
      const ref = object.roleRef ?? {};
      need(where, ref.kind, ref.kind === "Role" ? namespace : undefined, ref.name, "roleRef");
      for (const s of object.subjects ?? []) {
        if (s.kind === "ServiceAccount") need(where, "ServiceAccount", s.namespace ?? namespace, s.name, "subject");
      }
    }
    if (object.kind === "PersistentVolumeClaim") need(where, "StorageClass", undefined, object.spec?.storageClassName, "storageClassName");
  }

  // certificates and issuers
  const certificates = objects.filter((o) => o.object.kind === "Certificate");
  for (const o of objects) {
    const { object, where, namespace } = o;
    if (object.kind === "Certificate") {
      const ref = object.spec?.issuerRef ?? {};
      need(where, ref.kind ?? "Issuer", ref.kind === "ClusterIssuer" ? undefined : namespace, ref.name, "issuerRef");
    }
    if (object.kind === "ClusterIssuer" && object.spec?.ca) {
      // a ClusterIssuer reads its secret from cert-manager's namespace
      need(where, "Secret", "cert-manager", object.spec.ca.secretName, "spec.ca.secretName");
    }
  }

  // ingresses: class, backends, TLS on every host, certificates that cover the hosts
  const ingressHosts = new Map(); // host -> { tls, where }
  for (const o of objects.filter((x) => x.object.kind === "Ingress")) {
    const { object, where, namespace } = o;
    const spec = object.spec ?? {};
    need(where, "IngressClass", undefined, spec.ingressClassName, "ingressClassName");
    // Traefik's middlewares by <namespace>-<name>@kubernetescrd
    const middlewares = object.metadata?.annotations?.["traefik.ingress.kubernetes.io/router.middlewares"];
    for (const ref of middlewares ? middlewares.split(",").map((m) => m.trim()) : []) {
      const m = ref.match(/^(.+)@kubernetescrd$/);
      const found = m && objects.find((x) => x.object.kind === "Middleware" && `${x.namespace}-${x.object.metadata.name}` === m[1]);
      if (!found) problem(where, `middleware ${ref}: no Middleware <namespace>-<name> of that name here`);
    }
    const tlsHosts = new Set();
    for (const tls of spec.tls ?? []) {
      need(where, "Secret", namespace, tls.secretName, "tls.secretName");
      const cert = certificates.find((c) => c.namespace === namespace && c.object.spec?.secretName === tls.secretName);
      for (const host of tls.hosts ?? []) {
        tlsHosts.add(host);
        if (cert && !(cert.object.spec.dnsNames ?? []).includes(host)) {
          problem(where, `TLS host ${host} is not among the dnsNames of ${cert.where}, which makes secret ${tls.secretName}`);
        }
      }
    }
    const paths = [];
    if (spec.defaultBackend) paths.push({ backend: spec.defaultBackend });
    for (const rule of spec.rules ?? []) {
      if (!rule.host) problem(where, "a rule without host: every ingress names its host");
      else {
        if (domain && !rule.host.endsWith(`.${domain}`)) problem(where, `host ${rule.host} is not under the domain ${domain} (infra/domain.env)`);
        if (ingressHosts.has(rule.host)) problem(where, `host ${rule.host} is also served by ${ingressHosts.get(rule.host).where}`);
        ingressHosts.set(rule.host, { tls: tlsHosts.has(rule.host), where, namespace });
        if (!tlsHosts.has(rule.host)) problem(where, `host ${rule.host} has no TLS entry: every host is HTTPS`);
      }
      paths.push(...(rule.http?.paths ?? []));
    }
    for (const host of tlsHosts) {
      if (!(spec.rules ?? []).some((r) => r.host === host)) problem(where, `TLS host ${host} has no rule`);
    }
    for (const p of paths) {
      const service = p.backend?.service;
      if (!service) continue;
      const facts = need(where, "Service", namespace, service.name, "backend");
      if (facts?.ports) {
        const port = service.port ?? {};
        const found = facts.ports.some((sp) => (port.name ? sp.name === port.name : sp.port === port.number));
        if (!found) problem(where, `backend ${service.name}: the service has no port ${port.name ?? port.number}`);
      }
    }
  }
  for (const cert of certificates) {
    for (const host of cert.object.spec?.dnsNames ?? []) {
      if (domain && !host.endsWith(`.${domain}`)) problem(cert.where, `dnsName ${host} is not under the domain ${domain}`);
      const ingress = ingressHosts.get(host);
      if (!ingress) problem(cert.where, `dnsName ${host} is the host of no ingress`);
      else if (ingress.namespace !== cert.namespace) problem(cert.where, `dnsName ${host} is served by an ingress in ${ingress.namespace}, not ${cert.namespace}`);
    }
  }

  // in-cluster DNS: CoreDNS' rewrite sends every ingress host to a service that exists (step pods use
  // the laptop's URLs)
  const coredns = objects.find((o) => o.object.kind === "ConfigMap" && o.namespace === "kube-system" && o.object.metadata.name === "coredns-custom");
  if (!coredns) problem("traefik/", "no ConfigMap kube-system/coredns-custom: step pods could not resolve the ingress hosts");
  else {
    const rewrites = Object.values(coredns.object.data ?? {}).join("\n").matchAll(/rewrite (?:stop |continue )?name regex (\S+) (\S+)/g);
    const rules = [...rewrites].map(([, pattern, target]) => ({ pattern: new RegExp(pattern), target }));
    for (const { target } of rules) {
      const [service, namespace] = target.split(".");
      if (!target.endsWith(".svc.cluster.local.")) problem(coredns.where, `rewrites to ${target}, not a service's cluster name`);
      else need(coredns.where, "Service", namespace, service, "rewrite target");
    }
    for (const host of ingressHosts.keys()) {
      if (!rules.some((r) => r.pattern.test(`${host}.`))) problem(coredns.where, `no rewrite matches ${host}: step pods could not resolve it`);
    }
  }

  // values files: secrets and storage classes they name
  for (const [file, dotted, namespace, keyPath, fixedKey] of VALUES_SECRETS) {
    const name = get(valuesFiles[file], dotted);
    if (!name) continue;
    const key = fixedKey ?? (keyPath ? get(valuesFiles[file], keyPath) : undefined);
    needKey(`${file} ${dotted}`, "Secret", namespace, name, key, "chart secret");
  }
  function storageClasses(values, prefix, found) {
    if (values === null || typeof values !== "object") return;
    for (const [k, v] of Object.entries(values)) {
      const dotted = prefix ? `${prefix}.${k}` : k;
      if (VALUES_STORAGE_CLASSES.test(dotted) && typeof v === "string" && v) found.push([dotted, v]);
      else storageClasses(v, dotted, found);
    }
    return found;
  }
  for (const [file, values] of Object.entries(valuesFiles)) {
    for (const [dotted, storageClass] of storageClasses(values, "", [])) need(`${file} ${dotted}`, "StorageClass", undefined, storageClass, "storage class");
    const hosts = JSON.stringify(values).match(/[a-z0-9.-]+\.[a-z]+/g) ?? [];
    for (const host of hosts.filter((h) => domain && h.endsWith(`.${domain}`))) {
      if (!ingressHosts.has(host)) problem(file, `names host ${host}, which no ingress serves`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The laptop profile: only keys Fluxo reads, pointing at what exists.

  const configKeySource = path.join(REPO, "flow-runtime/src/main/java/io/fluxo/runtime/config/ConfigKey.java");
  const configKeys = new Map(); // "section.name" -> { env, secret, list }
  for (const m of readFileSync(configKeySource, "utf8").matchAll(/^\s+[A-Z0-9_]+\(\s*"([a-z]+\.[A-Za-z]+)",\s*(?:"(FLUXO_[A-Z0-9_]+)"|null),\s*Kind\.([A-Z]+)/gm)) {
    configKeys.set(m[1], { env: m[2], kind: m[3] });
  }
  if (configKeys.size < 10) problem(rel(configKeySource), `found only ${configKeys.size} configuration keys: has ConfigKey's layout changed?`);

  const laptopFile = path.join(INFRA, "laptop/config.json.example");
  const laptop = JSON.parse(readFileSync(laptopFile, "utf8"));
  const profile = laptop.profiles?.cluster;
  const lw = "laptop/config.json.example";
  if (!profile) problem(lw, "has no profile cluster (profiles.cluster)");
  function flatten(config, where) {
    const flat = {};
    for (const [section, fields] of Object.entries(config ?? {})) {
      if (section === "profiles") continue;
      if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
        problem(where, `${section} is not a section of Fluxo's configuration`);
        continue;
      }
      for (const [field, value] of Object.entries(fields)) {
        const key = `${section}.${field}`;
        const known = configKeys.get(key);
        if (!known) problem(where, `${key} is not a key Fluxo reads (ConfigKey: ${[...configKeys.keys()].join(", ")})`);
        else if (known.kind === "SECRET") problem(where, `${key} is a secret: flow configure asks for it, the example never holds it`);
        else if (known.kind === "LIST" && !Array.isArray(value)) problem(where, `${key} must be a list`);
        flat[key] = value;
      }
    }
    return flat;
  }
  flatten(laptop, lw);
  const settings = flatten(profile, `${lw} profiles.cluster`);

  /** The buckets the Job's mc script makes: the words of its `for bucket in ...;` loop. */
  function bucketsMade(job) {
    const script = (job?.object.spec.template.spec.containers ?? []).flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]).join("\n");
    return script.match(/for bucket in ([^;]*);/)?.[1].trim().split(/\s+/) ?? [];
  }

  function urlHost(key) {
    try {
      const url = new URL(settings[key]);
      const ingress = ingressHosts.get(url.hostname);
      if (!ingress) problem(lw, `${key} ${settings[key]}: no ingress serves ${url.hostname}`);
      else if (ingress.tls && url.protocol !== "https:") problem(lw, `${key} ${settings[key]}: the ingress serves HTTPS only`);
      return url.hostname;
    } catch {
      problem(lw, `${key} is not a URL: ${settings[key]}`);
    }
  }
  if (profile) {
    if (settings["datastore.type"] !== "s3") problem(lw, "datastore.type must be s3: step pods read the datastore");
    const minioHost = urlHost("datastore.endpoint");
    const serviceHost = urlHost("metadata.url");
    if (ingressHosts.has(minioHost) && ingressHosts.get(minioHost).namespace !== "minio") problem(lw, `datastore.endpoint: ${minioHost} is not MinIO's ingress`);
    if (ingressHosts.has(serviceHost) && ingressHosts.get(serviceHost).namespace !== "fluxo") problem(lw, `metadata.url: ${serviceHost} is not the Fluxo service's ingress`);
    if (settings["metadata.type"] !== "service") problem(lw, "metadata.type must be service");
    const namespace = settings["kubernetes.namespace"];
    need(lw, "Namespace", undefined, namespace, "kubernetes.namespace");
    need(lw, "Secret", namespace, settings["kubernetes.imagePullSecret"], "kubernetes.imagePullSecret");
    need(lw, "ServiceAccount", namespace, settings["kubernetes.serviceAccount"], "kubernetes.serviceAccount");
    const keys = new Set();
    for (const s of settings["kubernetes.secrets"] ?? []) (need(lw, "Secret", namespace, s, "kubernetes.secrets")?.keys ?? []).forEach((k) => keys.add(k));
    for (const k of ["FLUXO_S3_ACCESS_KEY", "FLUXO_S3_SECRET_KEY", "FLUXO_METADATA_TOKEN"]) {
      if (!keys.has(k)) problem(lw, `kubernetes.secrets give step pods no ${k}`);
    }
    const imageRegistry = String(settings["kubernetes.image"] ?? "").split("/")[0];
    if (!ingressHosts.has(imageRegistry)) problem(lw, `kubernetes.image ${settings["kubernetes.image"]}: no ingress serves registry ${imageRegistry}`);
    const bucket = String(settings["datastore.root"] ?? "").match(/^s3:\/\/([^/]+)/)?.[1];
    const bucketJob = objects.find((o) => o.object.kind === "Job" && o.object.metadata?.name === "minio-buckets");
    if (!bucket) problem(lw, `datastore.root ${settings["datastore.root"]} is not s3://bucket/prefix`);
    else if (!bucketsMade(bucketJob).includes(bucket)) {
      problem(lw, `datastore.root: bucket ${bucket} is not made by the Job minio-buckets`);
    }
    // the service's UI reads the same datastore the laptop writes
    const service = objects.find((o) => o.object.kind === "Deployment" && o.object.metadata?.name === "fluxo-service");
    const serviceRoot = service?.object.spec.template.spec.containers?.[0]?.env?.find((e) => e.name === "FLUXO_DATASTORE_ROOT")?.value;
    if (serviceRoot !== settings["datastore.root"]) problem(lw, `datastore.root ${settings["datastore.root"]} differs from the Fluxo service's FLUXO_DATASTORE_ROOT ${serviceRoot}`);
  }

  // the documented `flow configure --profile cluster ...` writes exactly the example's profile
  const laptopReadme = readFileSync(path.join(INFRA, "laptop/README.md"), "utf8").replace(/\\\n\s*/g, " ");
  const configure = laptopReadme.match(/configure --profile cluster ([^\n]*)/);
  if (!configure) problem("laptop/README.md", "does not show the `configure --profile cluster ...` command");
  else {
    const tokens = configure[1].trim().split(/\s+/);
    const written = {};
    const byOption = new Map([...configKeys].filter(([, v]) => v.env).map(([k, v]) => [`--${v.env.slice(6).toLowerCase().replaceAll("_", "-")}`, [k, v]]));
    for (let i = 0; i < tokens.length; i++) {
      const entry = byOption.get(tokens[i]);
      if (!entry) {
        problem("laptop/README.md", `configure: ${tokens[i]} is not an option of flow configure`);
        continue;
      }
      const [key, facts] = entry;
      if (facts.kind === "SECRET") continue; // asked for
      const value = tokens[++i];
      written[key] = facts.kind === "LIST" ? value.split(",") : value;
    }
    for (const key of new Set([...Object.keys(written), ...Object.keys(settings)])) {
      if (JSON.stringify(written[key]) !== JSON.stringify(settings[key])) {
        problem("laptop/README.md", `configure writes ${key}=${JSON.stringify(written[key])}, the example has ${JSON.stringify(settings[key])}`);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 4. The operator's documents: paths they name exist, `apply -k` folders are kustomizations, hosts are served.
  for (const doc of [path.join(REPO, "BACKLOG.md"), ...files.filter((f) => f.endsWith(".md"))]) {
    const where = path.relative(REPO, doc);
    const text = readFileSync(doc, "utf8");
    for (const [, mentioned] of text.matchAll(/\b(infra\/[A-Za-z0-9_.\/-]*[A-Za-z0-9_])/g)) {
      if (!existsSync(path.join(REPO, mentioned)) && !/fluxo-ca\.crt$/.test(mentioned)) problem(where, `names ${mentioned}, which does not exist`);
    }
    for (const [, dir] of text.matchAll(/apply -k ([A-Za-z0-9_.\/-]+)/g)) {
      const folder = dir.startsWith("infra/") ? path.join(REPO, dir) : path.join(path.dirname(doc), dir);
      if (!existsSync(path.join(folder, "kustomization.yaml"))) problem(where, `kubectl apply -k ${dir}: no kustomization.yaml there`);
    }
    for (const [host] of text.matchAll(new RegExp(`[a-z0-9.-]+\\.${domain?.replaceAll(".", "\\.")}\\b`, "g"))) {
      if (!ingressHosts.has(host) && !/^k3s-\d/.test(host)) problem(where, `names host ${host}, which no ingress serves`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 5. What the scripts render.

  const scratch = mkdtempSync(path.join(tmpdir(), "fluxo-infra-"));
  try {
    // create-secrets.sh against a stand-in kubectl: finds no secret, prints what `create secret
    // --dry-run=client -o yaml` would, and records what is applied
    const fake = path.join(scratch, "kubectl");
    writeFileSync(fake, `#!/usr/bin/env bash
  case " $* " in
    *" apply "*) { cat; echo "---"; } >> "${scratch}/applied.yaml" ;;
    *" get secret "*) exit 1 ;;
    *" create secret generic "*)
      set -- "$@"; ns=$2; name=$6; type=Opaque
      echo "apiVersion: v1"; echo "kind: Secret"; echo "metadata: {name: $name, namespace: $ns}"
      for a in "$@"; do case "$a" in --type=*) type=\${a#--type=} ;; esac; done
      echo "type: $type"; echo "data:"
      for a in "$@"; do case "$a" in --from-file=*) kv=\${a#--from-file=}; echo "  \\"\${kv%%=*}\\": $(base64 -w0 < "\${kv#*=}")" ;; esac; done ;;
    *) echo "stand-in kubectl: unexpected call: $*" >&2; exit 3 ;;
  esac
  `);
    chmodSync(fake, 0o755);
    const env = { ...process.env, PATH: `${scratch}:${process.env.PATH}`, MINIO_ROOT_USER: "u", MINIO_ROOT_PASSWORD: "p",
      FLUXO_S3_ACCESS_KEY: "a", FLUXO_S3_SECRET_KEY: "s", FLUXO_DB_PASSWORD: "d", FLUXO_SERVICE_TOKEN: "t",
      HARBOR_ADMIN_PASSWORD: "h", HARBOR_ROBOT_NAME: "robot$fluxo+push", HARBOR_ROBOT_SECRET: "r" };
    const run = spawnSync("bash", [path.join(INFRA, "secrets/create-secrets.sh"), "all"], { env, cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (run.status !== 0) problem("secrets/create-secrets.sh all", `failed (${run.status}): ${run.stderr.trim()}`);
    const rendered = existsSync(path.join(scratch, "applied.yaml")) ? readYaml(path.join(scratch, "applied.yaml")) : [];
    const templates = objects.filter((o) => o.object.kind === "Secret" && /\.template\.yaml$/.test(o.file));
    for (const secret of rendered) {
      const where = `secrets/create-secrets.sh renders Secret ${secret.metadata?.namespace}/${secret.metadata?.name}`;
      validateSchema({ object: secret, where });
      const template = templates.find((t) => t.namespace === secret.metadata?.namespace && t.object.metadata.name === secret.metadata?.name);
      if (!template) {
        problem(where, "which has no template (infra/**/NAME.template.yaml)");
        continue;
      }
      const want = lookup("Secret", template.namespace, template.object.metadata.name).keys.sort();
      const got = Object.keys(secret.data ?? {}).sort();
      if (JSON.stringify(want) !== JSON.stringify(got)) problem(where, `with keys ${got.join(", ")}; its template has ${want.join(", ")}`);
      if (secret.type !== (template.object.type ?? "Opaque")) problem(where, `of type ${secret.type}; its template has ${template.object.type}`);
    }
    for (const t of templates) {
      if (!rendered.some((s) => s.metadata?.namespace === t.namespace && s.metadata?.name === t.object.metadata.name)) {
        problem(t.where, "is a template of a secret create-secrets.sh does not make");
      }
    }

    // the K3s config templates render to YAML with every placeholder filled
    for (const template of ["server-config.yaml", "agent-config.yaml"]) {
      const out = spawnSync("bash", [path.join(INFRA, "k3s/render.sh"), path.join(INFRA, "k3s", template)],
        { env: { ...process.env, K3S_TOKEN: "token", K3S_API_HOST: `k3s-1.${domain}` }, encoding: "utf8" });
      if (out.status !== 0) problem(`k3s/${template}`, `render.sh failed: ${out.stderr.trim()}`);
      else {
        const config = parse(out.stdout);
        if (!config?.token || JSON.stringify(config).includes("${")) problem(`k3s/${template}`, "renders without a token, or with a placeholder left");
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Linters.

  function runLinter(command, args, what) {
    const run = spawnSync(command, args, { cwd: INFRA, encoding: "utf8" });
    if (run.error?.code === "ENOENT") return problem(what, `${command} is not installed (Debian: apt-get install ${command})`);
    if (run.status !== 0) problem(what, `found problems:\n${(run.stdout + run.stderr).trim()}`);
  }
  if (lint) {
    runLinter("shellcheck", ["-x", "--source-path=SCRIPTDIR", ...shellFiles.map(rel)], "shellcheck");
    runLinter("yamllint", ["-c", ".yamllint.yaml", "-f", "parsable", "--strict", ...yamlFiles.map(rel)], "yamllint");
  }

  // ---------------------------------------------------------------------------------------------

  const summary = `${objects.length} objects in ${new Set(objects.map((o) => o.file)).size} manifests, `
    + `${kustomizations.length} kustomizations, ${Object.keys(valuesFiles).length} values files, `
    + `${ingressHosts.size} hosts under ${domain}, ${shellFiles.length} scripts linted`;
  return { problems, summary };
}

// the command: node validate.mjs [INFRA_DIR]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { problems, summary } = await validateInfra(process.argv[2] ?? path.join(HERE, ".."), {
    lint: process.env.FLUXO_INFRA_NO_LINT !== "1",
  });
  if (problems.length) {
    console.error(`infra/ validation failed: ${problems.length} problem(s)\n  - ${problems.join("\n  - ")}`);
    process.exit(1);
  }
  console.log(`infra/ is valid: ${summary}`);
}

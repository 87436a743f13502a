# The runtime image plus the platform's private CA, for step pods that reach MinIO and the metadata
# service at https://*.fluxo.local (certificates from infra/cert-manager/ca.yaml). Not needed with
# public certificates. From the repository root, with the CA saved by infra/laptop/trust-ca.sh:
#   docker build -t fluxo/runtime:0.1.0 .
#   cp ~/.fluxo/fluxo-ca.crt infra/runtime/ && \
#   docker build -f infra/runtime/with-ca.Dockerfile -t harbor.fluxo.local/fluxo/runtime:0.1.0 infra/runtime
ARG BASE=fluxo/runtime:0.1.0
FROM ${BASE}
USER root
COPY fluxo-ca.crt /usr/local/share/ca-certificates/fluxo-ca.crt
RUN keytool -importcert -noprompt -cacerts -storepass changeit -alias fluxo-ca \
      -file /usr/local/share/ca-certificates/fluxo-ca.crt
USER 10001:10001

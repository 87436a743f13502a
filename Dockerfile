# Fluxo runtime image: what every step pod of `run --with kubernetes` runs (infra/runtime/entrypoint.sh).
#   docker build -t harbor.fluxo.local/fluxo/runtime:0.1.0 .
#   docker push harbor.fluxo.local/fluxo/runtime:0.1.0
# The flow's own classes are not in the image: each pod downloads its run's code package from S3.
# Metadata service image (`flow service` and its web UI; infra/service/entrypoint.sh, infra/service/README.md):
#   docker build --target service -t harbor.fluxo.local/fluxo/service:0.1.0 .
# The runtime stage stays last, so a build without --target is the runtime image.

# --- service-build: the metadata service (flow-service) with its runtime dependencies ---
FROM maven:3.9-eclipse-temurin-17 AS service-build
WORKDIR /build
COPY . .
# package writes flow-service/target/service-classpath.txt (flow-service/pom.xml): the jars that
# ServiceImageIT runs the entrypoint over, with flow-service's own
RUN mvn -B -q -DskipTests -pl flow-service -am package \
 && mkdir -p /build/lib \
 && cp $(tr ':' ' ' < flow-service/target/service-classpath.txt) /build/lib/ \
 && cp flow-service/target/flow-service-*.jar /build/lib/ \
 && rm -f /build/lib/*-tests.jar /build/lib/*-sources.jar

# --- service: flow service on 0.0.0.0:8780 as uid 10001; `migrate` as an init container ---
FROM eclipse-temurin:17-jre AS service
RUN groupadd --system --gid 10001 fluxo \
 && useradd --system --uid 10001 --gid fluxo --home-dir /home/fluxo --create-home fluxo
COPY --from=service-build /build/lib/ /opt/fluxo/lib/
COPY infra/service/entrypoint.sh /opt/fluxo/entrypoint.sh
RUN chmod 0755 /opt/fluxo/entrypoint.sh
# secrets (FLUXO_SERVICE_TOKEN, FLUXO_DB_PASSWORD) only at run time, from the pod's Secret
ENV FLUXO_LIB=/opt/fluxo/lib \
    FLUXO_HOME=/home/fluxo/.fluxo
USER 10001:10001
WORKDIR /home/fluxo
EXPOSE 8780
# GET http://127.0.0.1:$FLUXO_SERVICE_PORT (else 8780)/health: exit 0 on 200 (ServiceImageIT runs this command)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["java", "-cp", "/opt/fluxo/lib/*", "io.fluxo.service.HealthProbe"]
ENTRYPOINT ["/opt/fluxo/entrypoint.sh"]

# --- build: the runtime and the Kubernetes launcher with their runtime dependencies ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
# one reactor invocation, so flow-kubernetes resolves flow-runtime from the reactor (nothing installed)
RUN mvn -B -q -DskipTests -pl flow-kubernetes -am package dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /build/lib \
 && cp flow-kubernetes/target/dependency/*.jar /build/lib/ \
 && cp flow-kubernetes/target/flow-kubernetes-*.jar /build/lib/ \
 && rm -f /build/lib/*-tests.jar /build/lib/*-sources.jar

# --- runtime (the default: last stage) ---
FROM eclipse-temurin:17-jre AS runtime
RUN groupadd --system --gid 10001 fluxo \
 && useradd --system --uid 10001 --gid fluxo --home-dir /home/fluxo --create-home fluxo
COPY --from=build /build/lib/ /opt/fluxo/lib/
COPY infra/runtime/entrypoint.sh /opt/fluxo/entrypoint.sh
RUN chmod 0755 /opt/fluxo/entrypoint.sh
# the JDK packages Kryo and Spark reflect into (TaskEnvironment.OPENED_PACKAGES)
ENV JAVA_TOOL_OPTIONS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED" \
    FLUXO_LIB=/opt/fluxo/lib \
    FLUXO_HOME=/home/fluxo/.fluxo
USER 10001:10001
WORKDIR /home/fluxo
ENTRYPOINT ["/opt/fluxo/entrypoint.sh"]

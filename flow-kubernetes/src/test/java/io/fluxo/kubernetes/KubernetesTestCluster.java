package io.fluxo.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.mockwebserver.MockWebServer;
import okio.BufferedSink;

/**
 * A Kubernetes for tests, with no cluster: fabric8's mock API server in CRUD mode, which also
 * serves pod logs ({@code GET .../pods/NAME/log}; with {@code follow=true}, line by line as the
 * container prints them, until it ends), and a {@link KubeletSimulator} running its pods as local
 * processes. A {@code flow run --with kubernetes} reaches it in this JVM after {@link
 * #useInThisJvm()}, or in a child process given {@link #clientEnvironment()}.
 */
public final class KubernetesTestCluster implements AutoCloseable {
  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");

  /** A read of one pod, or a watch of pods: what a launcher does to follow its pods. */
  private static final Pattern POD_READ =
      Pattern.compile("/api/v1/namespaces/[^/]+/pods(/[^/?]+|\\?.*watch=true.*)(\\?.*)?");

  /** The user agent of this cluster's own client (the kubelet's, the tests'), spared outages. */
  static final String OWN_AGENT = "fluxo-test-cluster";

  private final String namespace;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final KubeletSimulator kubelet;
  private final Outages outages = new Outages();

  private KubernetesTestCluster(String namespace) {
    this.namespace = namespace;
    MockWebServer web = new MockWebServer();
    server =
        new KubernetesMockServer(
            new Context(), web, new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    KubernetesClient created = server.createClient();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(created.getConfiguration()).withUserAgent(OWN_AGENT).build())
            .build();
    created.close();
    kubelet = new KubeletSimulator(client, namespace);
    // set on the underlying server, whose responses can be written as they come
    web.getDelegate()
        .setDispatcher(
            new LogServingDispatcher(web.getDelegate().getDispatcher(), kubelet, outages));
  }

  /** Starts the API server and a kubelet running the pods of {@code namespace}. */
  public static KubernetesTestCluster start(String namespace) {
    return new KubernetesTestCluster(namespace);
  }

  /** A client of the API server. */
  public KubernetesClient client() {
    return client;
  }

  /** The kubelet, to ask for failures. */
  public KubeletSimulator kubelet() {
    return kubelet;
  }

  /**
   * For {@code duration} from now, the API server fails every read of a pod ({@code GET
   * .../pods/NAME}, not its log) and every watch of pods from clients other than this cluster's own
   * (the kubelet goes on): by turns with 503, 500, 429 and a dropped connection, as an API server
   * being upgraded or overloaded does.
   */
  public void failPodReads(Duration duration) {
    outages.until = System.nanoTime() + duration.toNanos();
  }

  /**
   * Breaks off every pod log being followed now: its connection is dropped before its next line, as
   * when the API server restarts.
   */
  public void cutLogStreams() {
    outages.logCuts.incrementAndGet();
  }

  /** How many pod reads were failed so far. */
  public int failedPodReads() {
    return outages.failed.get();
  }

  /** The namespace whose pods run. */
  public String namespace() {
    return namespace;
  }

  /** Creates secret {@code name} holding {@code data} (plain text values) in the namespace. */
  public void createSecret(String name, Map<String, String> data) {
    Map<String, String> encoded = new TreeMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withData(encoded)
                .build())
        .create();
  }

  /**
   * The environment that points a child process's fabric8 client (as {@code kubectl} would be
   * configured) at this API server and namespace, ignoring any kubeconfig.
   */
  public Map<String, String> clientEnvironment() {
    return Map.of(
        "KUBERNETES_MASTER",
        client.getMasterUrl().toString(),
        "KUBERNETES_AUTH_TRYKUBECONFIG",
        "false",
        "KUBERNETES_AUTH_TRYSERVICEACCOUNT",
        "false",
        "KUBERNETES_NAMESPACE",
        namespace);
  }

  /** Points fabric8 clients created later in this JVM at this API server (system properties). */
  public void useInThisJvm() {
    System.setProperty("kubernetes.master", client.getMasterUrl().toString());
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.namespace", namespace);
  }

  /** The pods of the namespace with label {@code fluxo.io/<name>=<value>}. */
  public List<Pod> pods(String name, String value) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(PodSpecs.LABEL + name, value)
        .list()
        .getItems();
  }

  @Override
  public void close() {
    kubelet.close();
    client.close();
    server.destroy();
  }

  /** The failures the API server answers with while an outage lasts. */
  private static final class Outages {
    private volatile long until = System.nanoTime();
    private final AtomicInteger failed = new AtomicInteger();

    /** How many times the followed logs were cut ({@link #cutLogStreams}). */
    private final AtomicInteger logCuts = new AtomicInteger();

    MockResponse failure() {
      int n = failed.getAndIncrement();
      return switch (n % 4) {
        case 0 -> status(503, "ServiceUnavailable", "the server is currently unable to handle it");
        case 1 -> status(500, "InternalError", "etcdserver: request timed out");
        case 2 ->
            new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "1")
                .body(statusBody(429, "TooManyRequests", "too many requests"))
                .build();
        default ->
            new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      };
    }

    private static MockResponse status(int code, String reason, String message) {
      return new MockResponse.Builder().code(code).body(statusBody(code, reason, message)).build();
    }

    private static String statusBody(int code, String reason, String message) {
      return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
          + message
          + "\",\"reason\":\""
          + reason
          + "\",\"code\":"
          + code
          + "}";
    }
  }

  /** The CRUD dispatcher's answers, plus the log endpoint the kubelet would serve. */
  private static final class LogServingDispatcher extends Dispatcher {
    private final Dispatcher crud;
    private final KubeletSimulator kubelet;
    private final Outages outages;

    LogServingDispatcher(Dispatcher crud, KubeletSimulator kubelet, Outages outages) {
      this.crud = crud;
      this.kubelet = kubelet;
      this.outages = outages;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (request.getMethod().equals("GET")
          && POD_READ.matcher(request.getTarget()).matches()
          && !LOG_PATH.matcher(request.getTarget()).matches()
          && !OWN_AGENT.equals(request.getHeaders().get("User-Agent"))
          && System.nanoTime() - outages.until < 0) {
        return outages.failure();
      }
      Matcher log = LOG_PATH.matcher(request.getTarget());
      if (!request.getMethod().equals("GET") || !log.matches()) {
        return crud.dispatch(request);
      }
      boolean follow = log.group(3) != null && log.group(3).contains("follow=true");
      return kubelet
          .log(log.group(2))
          .map(podLog -> follow ? followed(podLog, outages.logCuts) : response(200, podLog.text()))
          .orElseGet(() -> response(404, "pod " + log.group(2) + " has no container started"));
    }

    @Override
    public MockResponse peek() {
      return crud.peek();
    }

    @Override
    public void close() {
      crud.close();
    }

    private static MockResponse response(int code, String body) {
      return new MockResponse.Builder().code(code).body(body).build();
    }

    /**
     * The log as a chunked body, a line per chunk as the container prints it; broken off before the
     * next line once {@code cuts} changes.
     */
    private static MockResponse followed(KubeletSimulator.PodLog podLog, AtomicInteger cuts) {
      int cut = cuts.get();
      MockResponseBody body =
          new MockResponseBody() {
            @Override
            public long getContentLength() {
              return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
              try {
                podLog.follow(
                    line -> {
                      if (cuts.get() != cut) {
                        sink.close(); // mid-body: the client sees the connection drop
                        throw new IOException("log stream cut");
                      }
                      byte[] chunk = (line + "\n").getBytes(StandardCharsets.UTF_8);
                      sink.writeUtf8(Integer.toHexString(chunk.length)).writeUtf8("\r\n");
                      sink.write(chunk).writeUtf8("\r\n").flush();
                    });
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped following the log");
              }
              sink.writeUtf8("0\r\n"); // the server adds the (empty) trailers
            }
          };
      return new MockResponse.Builder()
          .code(200)
          .body(body)
          .removeHeader("Content-Length")
          .setHeader("Transfer-Encoding", "chunked")
          .build();
    }
  }
}

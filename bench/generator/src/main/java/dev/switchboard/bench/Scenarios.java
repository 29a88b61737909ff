package dev.switchboard.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Scenarios runs each benchmark scenario against one peer: it starts the server pinned to its core,
 * opens the clients from this process (pinned to the other core), measures, and records the
 * figures in {@link Results}.
 */
final class Scenarios {

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final double MB = 1024.0 * 1024.0;

  private final Settings settings;
  private final Path repo;
  private final Path jar;
  private final Results results;
  private final String serverCpu;

  Scenarios(Settings settings, Path repo, Path jar, Results results, String serverCpu) {
    this.settings = settings;
    this.repo = repo;
    this.jar = jar;
    this.results = results;
    this.serverCpu = serverCpu;
  }

  private PeerServer start(String peer, String scenario) throws Exception {
    return PeerServer.start(
        peer, repo, serverCpu, results.dir().resolve("logs/" + peer + "-" + scenario + ".log"));
  }

  private static double generatorCpuSeconds() {
    return OS.getProcessCpuTime() / 1e9;
  }

  /** Opens {@code clients} clients, client i subscribed to {@code channelsOf(i)}. */
  private static Fleet connect(PeerServer server, int clients, java.util.function.IntFunction<String[]> channelsOf)
      throws InterruptedException {
    Fleet fleet = new Fleet(server.protocol, server.port, 500);
    for (int i = 0; i < clients; i++) {
      fleet.add(channelsOf.apply(i));
    }
    fleet.connect(fleet.clients, 300_000);
    if (fleet.subscribedCount.get() < clients) {
      System.out.printf(
          "  warning: %s: %d of %d clients subscribed, %d failed%n",
          server.name, fleet.subscribedCount.get(), clients, fleet.failed.get());
    }
    fleet.startHeartbeats();
    return fleet;
  }

  /**
   * The shortest warm-up of the fan-out and saturation scenarios. The JVM peers compile their
   * fan-out path while the first events go out, on the one core they have: after a 3 s warm-up,
   * Switchboard's first 20 s run at 10,000 subscribers still used 50–90% more server CPU than the
   * next two, so full runs warm up for 10 s.
   */
  private long warmUpMs() {
    return settings.quick() ? 3_000 : 10_000;
  }

  /** Publishes to every channel until each client has received at least one event. */
  private static void warmUp(
      Fleet fleet, Publisher publisher, List<Publisher.Target> targets, int rate, long minMs)
      throws InterruptedException {
    warmUp(fleet, publisher, targets, rate, minMs, 0);
  }

  private static void warmUp(
      Fleet fleet, Publisher publisher, List<Publisher.Target> targets, int rate, long minMs, int stalled)
      throws InterruptedException {
    Phase phase = new Phase(1_000_000);
    fleet.phase(phase);
    long start = System.currentTimeMillis();
    int i = 0;
    while (System.currentTimeMillis() - start < 60_000) {
      publisher.send(phase, targets.get(i++ % targets.size()), Clock.nanos());
      Thread.sleep(Math.max(1, 1000 / rate));
      if (phase.clientsSeen.sum() >= fleet.subscribedCount.get() - stalled
          && System.currentTimeMillis() - start >= minMs
          && i >= targets.size()) {
        break;
      }
    }
    Publisher.drain(phase, 2_000, 30_000);
    fleet.phase(null);
  }

  // ---------------------------------------------------------------- idle capacity

  void idle(String peer) throws Exception {
    for (int size : settings.idleSizes()) {
      try (PeerServer server = start(peer, "idle-" + size)) {
        List<String> channels = server.channels(Math.min(100, size));
        Thread.sleep(2_000);
        long heap0 = server.heapAfterGcBytes();
        long rss0 = server.rssBytes();
        int processes = (size + Settings.CONNECTIONS_PER_PROCESS - 1) / Settings.CONNECTIONS_PER_PROCESS;
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
          int share = size / processes + (p < size % processes ? 1 : 0);
          Process child =
              new ProcessBuilder(
                      "java", "-Xmx1g", "-Dbench.localBase=" + (100 + p), "-cp", jar.toString(),
                      Main.class.getName(), "child", peer, String.valueOf(server.port),
                      String.valueOf(share), String.join(",", channels))
                  .redirectError(ProcessBuilder.Redirect.INHERIT)
                  .start();
          children.add(child);
          outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        }
        int connected = 0;
        int failed = 0;
        long slowestMs = 0;
        for (BufferedReader out : outputs) {
          String line;
          while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            System.out.println("  child: " + line);
          }
          if (line == null) {
            throw new IllegalStateException("a generator process ended before it was ready");
          }
          String[] f = line.split(" ");
          connected += Integer.parseInt(f[1]);
          failed += Integer.parseInt(f[2]);
          slowestMs = Math.max(slowestMs, Long.parseLong(f[3]));
        }
        Thread.sleep(2_000);
        double cpu0 = server.cpuSeconds();
        Thread.sleep(settings.idleWindowSeconds() * 1000L);
        double cpu1 = server.cpuSeconds();
        long heap1 = server.heapAfterGcBytes();
        long rss1 = server.rssBytes();
        for (Process child : children) {
          try (Writer in = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("STOP\n");
          }
        }
        for (Process child : children) {
          if (!child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            child.destroyForcibly();
          }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("generator_processes", (double) processes);
        m.put("connected", (double) connected);
        m.put("failed", (double) failed);
        m.put("connections_per_s", connected / (slowestMs / 1000.0));
        m.put("idle_cpu_pct", (cpu1 - cpu0) / settings.idleWindowSeconds() * 100);
        m.put("heap_after_gc_mb", heap1 / MB);
        m.put("rss_mb", rss1 / MB);
        m.put("heap_per_conn_kb", (heap1 - heap0) / 1024.0 / Math.max(1, connected));
        m.put("rss_per_conn_kb", (rss1 - rss0) / 1024.0 / Math.max(1, connected));
        results.add("idle", size + " connections", peer, List.of(m));
      }
    }
  }

  /** A generator process of the idle scenario: connects, reports, heartbeats until told to stop. */
  static void child(String peer, int port, int count, String[] channels) throws Exception {
    Fleet fleet = new Fleet(PeerServer.protocolOf(peer), port, 500);
    for (int i = 0; i < count; i++) {
      fleet.add(channels[i % channels.length]);
    }
    long start = System.nanoTime();
    fleet.connect(fleet.clients, 300_000);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    fleet.startHeartbeats();
    System.out.println("READY " + fleet.subscribedCount.get() + " " + (count - fleet.subscribedCount.get()) + " " + elapsedMs);
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    fleet.close();
    System.exit(0);
  }

  // ---------------------------------------------------------------- hot-channel fan-out

  void fanout(String peer) throws Exception {
    for (int subscribers : settings.fanoutSizes()) {
      try (PeerServer server = start(peer, "fanout-" + subscribers)) {
        String channel = server.channels(1).get(0);
        Publisher publisher = new Publisher(server.protocol, server.port, Settings.PAYLOAD_BYTES);
        try (Fleet fleet = connect(server, subscribers, i -> new String[] {channel})) {
          Publisher.Target target = new Publisher.Target(channel, fleet.subscribedCount.get());
          int rate = fanoutRate(subscribers);
          warmUp(fleet, publisher, List.of(target), rate, warmUpMs());
          List<Map<String, Double>> runs = new ArrayList<>();
          Histogram all = new Histogram(3_600_000_000L, 3);
          for (int r = 0; r < settings.runs(); r++) {
            Phase phase = new Phase(rate * settings.fanoutSeconds());
            runs.add(measure(fleet, server, publisher, phase, rate, i -> target));
            all.add(phase.latency());
          }
          String variant = subscribers + " subscribers";
          results.add("fanout", variant, peer, runs);
          results.percentiles(variant, peer, all);
        }
      }
    }
  }

  /**
   * The fan-out publish rate: {@code fanoutRate} (10/s), lowered for large channels to at most
   * 10,000 deliveries/s (1/s at 10,000 subscribers, the 1–10/s), since 10/s to 10,000
   * subscribers is 100,000 deliveries/s, beyond what any peer sustains on one core: that is the
   * saturation scenario's question, not this one's.
   */
  private int fanoutRate(int subscribers) {
    return Math.max(1, Math.min(settings.fanoutRate(), 10_000 / subscribers));
  }

  /** Publishes one phase at {@code rate} and measures latency, losses and server CPU. */
  private static Map<String, Double> measure(
      Fleet fleet, PeerServer server, Publisher publisher, Phase phase, int rate,
      java.util.function.IntFunction<Publisher.Target> targets) throws Exception {
    fleet.phase(phase);
    double[] cpu0 = server.cpuTimes();
    PeerServer.WriteCount writeCount = server.countWrites();
    double gen0 = generatorCpuSeconds();
    long t0 = System.nanoTime();
    publisher.run(phase, rate, phase.capacity, targets);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Publisher.drain(phase, 3_000, 60_000);
    double[] cpu1 = server.cpuTimes();
    long writes = writeCount == null ? -1 : writeCount.stop();
    double gen1 = generatorCpuSeconds();
    double user = cpu1[0] - cpu0[0];
    double cpu = user + cpu1[1] - cpu0[1];
    fleet.phase(null);
    Map<String, Double> m = new LinkedHashMap<>();
    long delivered = phase.receivedTotal();
    m.put("publishes", (double) phase.issued.get());
    m.put("publish_errors", (double) phase.publishErrors.get());
    m.put("expected", (double) phase.expectedTotal());
    m.put("delivered", (double) delivered);
    m.put("lost", (double) phase.lost());
    m.put("duplicates", (double) phase.duplicates());
    Results.latency(m, "", phase.latency());
    Results.latency(m, "last_receiver_", phase.timeToLast());
    m.put("deliveries_per_s", delivered / seconds);
    m.put("server_cpu_s", cpu);
    m.put("deliveries_per_cpu_s", delivered / Math.max(1e-9, cpu));
    // The kernel's share is mostly loopback TCP, both ends of it: what the server's own code costs
    // per delivery is its user time.
    m.put("server_kernel_cpu_pct", (cpu - user) / Math.max(1e-9, cpu) * 100);
    m.put("deliveries_per_user_cpu_s", delivered / Math.max(1e-9, user));
    m.put("server_cpu_ms_per_1k_deliveries", cpu * 1e6 / Math.max(1, delivered));
    if (writes >= 0) {
      // Every write system call the server made, the publishes' HTTP answers (one per publish)
      // and the event loops' wake-ups included.
      m.put("writes_per_delivery", writes / (double) Math.max(1, delivered));
    }
    m.put("generator_cpu_pct", (gen1 - gen0) / ((System.nanoTime() - t0) / 1e9) * 100);
    m.put("closed_by_server", (double) fleet.closedAfterSubscribe.get());
    return m;
  }

  // ---------------------------------------------------------------- saturation

  void saturation(String peer) throws Exception {
    int subscribers = settings.saturationSubscribers();
    try (PeerServer server = start(peer, "saturation")) {
      String channel = server.channels(1).get(0);
      Publisher publisher = new Publisher(server.protocol, server.port, Settings.PAYLOAD_BYTES);
      try (Fleet fleet = connect(server, subscribers, i -> new String[] {channel})) {
        Publisher.Target target = new Publisher.Target(channel, fleet.subscribedCount.get());
        warmUp(fleet, publisher, List.of(target), settings.saturationRates().get(0), warmUpMs());
        Map<String, Double> best = null;
        Map<String, Double> failing = null;
        for (int rate : settings.saturationRates()) {
          Phase phase = new Phase(rate * settings.saturationStepSeconds());
          Map<String, Double> step = measure(fleet, server, publisher, phase, rate, i -> target);
          step.put("rate", (double) rate);
          results.add("saturation-steps", rate + "/s", peer, List.of(step));
          boolean held =
              step.get("p99_ms") <= settings.saturationP99LimitMs()
                  && step.get("lost") == 0
                  && step.get("publish_errors") == 0;
          if (!held) {
            failing = step;
            break;
          }
          best = step;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (best != null) {
          m.put("max_sustained_deliveries_per_s", best.get("deliveries_per_s"));
          m.put("at_publishes_per_s", best.get("rate"));
          m.put("p99_ms_at_max", best.get("p99_ms"));
          m.put("deliveries_per_cpu_s", best.get("deliveries_per_cpu_s"));
          m.put("server_kernel_cpu_pct", best.get("server_kernel_cpu_pct"));
          m.put("deliveries_per_user_cpu_s", best.get("deliveries_per_user_cpu_s"));
          m.put("server_cpu_ms_per_1k_deliveries", best.get("server_cpu_ms_per_1k_deliveries"));
          if (best.containsKey("writes_per_delivery")) {
            m.put("writes_per_delivery", best.get("writes_per_delivery"));
          }
          m.put("generator_cpu_pct", best.get("generator_cpu_pct"));
        }
        if (failing != null) {
          m.put("failed_at_publishes_per_s", failing.get("rate"));
          m.put("failed_p99_ms", failing.get("p99_ms"));
          m.put("failed_lost", failing.get("lost"));
        }
        results.add("saturation", subscribers + " subscribers", peer, List.of(m));
      }
    }
  }

  // ---------------------------------------------------------------- many small channels

  void smallChannels(String peer) throws Exception {
    int clients = settings.smallClients();
    int groups = clients / 10;
    try (PeerServer server = start(peer, "small-channels")) {
      List<String> names = server.channels(clients + groups);
      Publisher publisher = new Publisher(server.protocol, server.port, Settings.PAYLOAD_BYTES);
      try (Fleet fleet = connect(server, clients, i -> new String[] {names.get(i), names.get(clients + i / 10)})) {
        // 90% of publishes to a 10-member group, 10% to a personal channel.
        double perPublish = 0.9 * 10 + 0.1;
        int rate = (int) Math.round(settings.smallDeliveriesPerSecond() / perPublish);
        Random random = new Random(42);
        java.util.function.IntFunction<Publisher.Target> targets =
            i -> {
              synchronized (random) {
                return random.nextInt(10) < 9
                    ? new Publisher.Target(names.get(clients + random.nextInt(groups)), 10)
                    : new Publisher.Target(names.get(random.nextInt(clients)), 1);
              }
            };
        List<Publisher.Target> warm = new ArrayList<>();
        for (int g = 0; g < Math.min(groups, 50); g++) {
          warm.add(new Publisher.Target(names.get(clients + g), 10));
        }
        Phase warmPhase = new Phase(rate * 3);
        fleet.phase(warmPhase);
        publisher.run(warmPhase, rate, rate * 3, targets);
        Publisher.drain(warmPhase, 2_000, 30_000);
        List<Map<String, Double>> runs = new ArrayList<>();
        for (int r = 0; r < settings.runs(); r++) {
          Phase phase = new Phase(rate * settings.smallSeconds());
          Map<String, Double> m = measure(fleet, server, publisher, phase, rate, targets);
          m.put("target_deliveries_per_s", (double) settings.smallDeliveriesPerSecond());
          runs.add(m);
        }
        results.add("small", clients + " clients in " + groups + " groups", peer, runs);
      }
    }
  }

  // ---------------------------------------------------------------- reconnect storm

  void reconnectStorm(String peer) throws Exception {
    int clients = settings.stormClients();
    int channelCount = 100;
    try (PeerServer server = start(peer, "reconnect-storm")) {
      List<String> names = server.channels(channelCount);
      Publisher publisher = new Publisher(server.protocol, server.port, Settings.PAYLOAD_BYTES);
      try (Fleet fleet = connect(server, clients, i -> new String[] {names.get(i % channelCount)})) {
        int perChannel = fleet.subscribedCount.get() / channelCount;
        List<Publisher.Target> targets = new ArrayList<>();
        for (String name : names) {
          targets.add(new Publisher.Target(name, perChannel));
        }
        warmUp(fleet, publisher, targets, 200, 1_000);
        List<Map<String, Double>> runs = new ArrayList<>();
        for (int r = 0; r < settings.runs(); r++) {
          for (Client client : fleet.clients) {
            client.useSince = server.protocol.recovers();
            client.lostHistory = false;
          }
          int before = fleet.subscribedCount.get();
          Phase phase = new Phase(3 * channelCount);
          fleet.phase(phase);
          fleet.dropAll();
          // Three events per channel while every client is away.
          for (int k = 0; k < 3; k++) {
            for (Publisher.Target target : targets) {
              publisher.send(phase, target, Clock.nanos());
            }
          }
          Publisher.awaitAnswers(phase, 30_000);
          long t0 = Clock.nanos();
          fleet.connect(fleet.clients, 120_000);
          double resubscribed = (Clock.nanos() - t0) / 1e9;
          Publisher.drain(phase, 2_000, 30_000);
          long lastArrival = 0;
          for (int i = 0; i < phase.issued.get(); i++) {
            lastArrival = Math.max(lastArrival, phase.lastArrivalNanos.get(i));
          }
          int lostHistory = 0;
          for (Client client : fleet.clients) {
            lostHistory += client.lostHistory ? 1 : 0;
          }
          Map<String, Double> m = new LinkedHashMap<>();
          m.put("dropped", (double) before);
          m.put("resubscribed", (double) fleet.subscribedCount.get());
          m.put("failed", (double) fleet.failed.get());
          m.put("resubscribed_s", resubscribed);
          m.put("missed_events_expected", (double) phase.expectedTotal());
          m.put("missed_events_delivered", (double) phase.receivedTotal());
          m.put("missed_events_lost", (double) phase.lost());
          m.put("recovered_false", (double) lostHistory);
          m.put(
              "recovered_s",
              phase.lost() == 0 && lastArrival > 0
                  ? Math.max(resubscribed, (lastArrival - t0) / 1e9)
                  : Double.NaN);
          fleet.phase(null);
          runs.add(m);
          Thread.sleep(1_000);
        }
        results.add("storm", clients + " clients", peer, runs);
      }
    }
  }

  // ---------------------------------------------------------------- slow consumer

  void slowConsumer(String peer) throws Exception {
    int subscribers = settings.slowSubscribers();
    try (PeerServer server = start(peer, "slow-consumer")) {
      String channel = server.channels(1).get(0);
      Publisher publisher = new Publisher(server.protocol, server.port, settings.slowPayloadBytes());
      try (Fleet fleet = connect(server, subscribers, i -> new String[] {channel})) {
        Client slow = fleet.add(channel);
        slow.slow = true;
        fleet.open(slow, true);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!slow.subscribed && System.currentTimeMillis() < deadline) {
          Thread.sleep(5);
        }
        Publisher.Target target = new Publisher.Target(channel, fleet.subscribedCount.get() - 1);
        warmUp(fleet, publisher, List.of(target), 10, 2_000, 1);
        long rss0 = server.rssBytes();
        slow.socket.config().setAutoRead(false);
        long[] maxRss = {rss0};
        Thread sampler =
            new Thread(
                () -> {
                  try {
                    while (!Thread.currentThread().isInterrupted()) {
                      maxRss[0] = Math.max(maxRss[0], server.rssBytes());
                      Thread.sleep(500);
                    }
                  } catch (Exception e) {
                    // stopped
                  }
                });
        sampler.start();
        Phase phase = new Phase(settings.slowRate() * settings.slowSeconds());
        Map<String, Double> m = measure(fleet, server, publisher, phase, settings.slowRate(), i -> target);
        sampler.interrupt();
        sampler.join();
        // A client that reads nothing cannot see the server close it: read again, and an evicted
        // client finds its connection closed or reset behind whatever the kernel still held.
        slow.socket.config().setAutoRead(true);
        long readAgain = System.currentTimeMillis();
        while (slow.socket.isActive() && System.currentTimeMillis() - readAgain < 10_000) {
          Thread.sleep(50);
        }
        boolean evicted = !slow.socket.isActive();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("others_p50_ms", m.get("p50_ms"));
        out.put("others_p99_ms", m.get("p99_ms"));
        out.put("others_max_ms", m.get("max_ms"));
        out.put("others_lost", m.get("lost"));
        out.put("others_closed_by_server", (double) Math.max(0, fleet.closedAfterSubscribe.get() - (evicted ? 1 : 0)));
        out.put("slow_client_evicted", evicted ? 1.0 : 0.0);
        out.put("server_rss_before_mb", rss0 / MB);
        out.put("server_rss_max_mb", maxRss[0] / MB);
        out.put("server_heap_after_gc_mb", server.heapAfterGcBytes() / MB);
        out.put("deliveries_per_s", m.get("deliveries_per_s"));
        results.add("slow", subscribers + " subscribers + 1 stalled", peer, List.of(out));
      }
    }
  }
}

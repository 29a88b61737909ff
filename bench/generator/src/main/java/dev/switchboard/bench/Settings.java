package dev.switchboard.bench;

import java.util.List;

/** Settings is the scale of a run: the full suite, or {@code --quick} for a smoke run. */
record Settings(
    boolean quick,
    List<Integer> idleSizes,
    int idleWindowSeconds,
    List<Integer> fanoutSizes,
    int fanoutRate,
    int fanoutSeconds,
    int runs,
    int saturationSubscribers,
    List<Integer> saturationRates,
    int saturationStepSeconds,
    int saturationP99LimitMs,
    int smallClients,
    int smallDeliveriesPerSecond,
    int smallSeconds,
    int stormClients,
    int slowSubscribers,
    int slowRate,
    int slowPayloadBytes,
    int slowSeconds) {

  static final int PAYLOAD_BYTES = 200;
  /** Connections per generator process in the idle scenario, well under the 20,000 open files. */
  static final int CONNECTIONS_PER_PROCESS = 9_000;

  static Settings fullScale() {
    return new Settings(
        false,
        List.of(5_000, 10_000, 18_000),
        30,
        List.of(1_000, 10_000),
        10,
        20,
        3,
        10_000,
        // Steps of one publish/s up to 20 (10,000 deliveries/s each): a ratio between two peers'
        // ceilings is read off these steps, so coarser ones would blur it.
        List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 25, 30, 40, 50),
        8,
        // One publish's fan-out to 10,000 sockets takes over 100 ms on one core for every peer
        // (raw Netty's p99 is about 180 ms at 5 publishes/s): a 100 ms bound would end every ramp
        // at its first step, so at this scale a step holds while the server keeps up.
        1_000,
        10_000,
        20_000,
        15,
        10_000,
        200,
        50,
        8_192,
        30);
  }

  static Settings smokeScale() {
    return new Settings(
        true,
        List.of(1_000),
        5,
        List.of(200, 1_000),
        10,
        4,
        3,
        1_000,
        List.of(10, 50, 100, 200, 400),
        3,
        100,
        1_000,
        2_000,
        4,
        1_000,
        50,
        50,
        8_192,
        8);
  }
}

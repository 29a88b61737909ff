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
        List.of(5, 10, 20, 30, 40, 50, 60, 80, 100, 130, 160, 200, 250, 300),
        8,
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

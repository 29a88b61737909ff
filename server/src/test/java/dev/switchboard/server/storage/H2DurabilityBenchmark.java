package dev.switchboard.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * H2DurabilityBenchmark measures what durable commits cost the embedded H2 database: the same
 * single-row transactions (a session created, a reply's output appended, as the server writes them)
 * with H2's default background writer ({@code WRITE_DELAY} 500 ms) and with {@code WRITE_DELAY=0},
 * which writes every commit to the file before the commit returns (ADR 0011).
 *
 * <p>Run: {@code ./bench/h2-durability.sh} (not part of the test suite).
 */
public final class H2DurabilityBenchmark {

  private static final int WARM_UP = 500;
  private static final int COMMITS = 3_000;

  private H2DurabilityBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.println("H2 2.x file database, one transaction per row, " + COMMITS + " commits");
    System.out.println("| options | work | commits/s | mean µs | p50 µs | p99 µs | file MiB |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    String base = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    for (String options : new String[] {base, DefaultDatabase.H2_OPTIONS}) {
      String label = options.contains("WRITE_DELAY=0") ? "WRITE_DELAY=0" : "default";
      run(label, options, "insert a row");
      run(label, options, "append output");
    }
  }

  private static void run(String label, String options, String work) throws Exception {
    Path dir = Files.createTempDirectory("h2-durability");
    try (Connection connection =
        DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + options, "sa", "")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE rows (id VARCHAR(64) PRIMARY KEY, content TEXT NOT NULL,"
                + " created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        statement.execute("INSERT INTO rows VALUES ('reply', '', CURRENT_TIMESTAMP)");
      }
      connection.setAutoCommit(false);
      boolean insert = work.startsWith("insert");
      String sql =
          insert
              ? "INSERT INTO rows VALUES (?, 'New session', CURRENT_TIMESTAMP)"
              : "UPDATE rows SET content = content || ? WHERE id = 'reply'";
      long[] nanos = new long[COMMITS];
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = -WARM_UP; i < COMMITS; i++) {
          long start = System.nanoTime();
          statement.setString(1, insert ? "row-" + i : "line " + i + " of output\n");
          statement.executeUpdate();
          connection.commit();
          if (i >= 0) {
            nanos[i] = System.nanoTime() - start;
          }
        }
      }
      Arrays.sort(nanos);
      double meanMicros = Arrays.stream(nanos).average().orElse(0) / 1_000;
      System.out.printf(
          "| %s | %s | %,.0f | %.0f | %d | %d | %.1f |%n",
          label,
          work,
          1_000_000 / meanMicros,
          meanMicros,
          nanos[COMMITS / 2] / 1_000,
          nanos[COMMITS * 99 / 100] / 1_000,
          Files.size(dir.resolve("db.mv.db")) / 1048576.0);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

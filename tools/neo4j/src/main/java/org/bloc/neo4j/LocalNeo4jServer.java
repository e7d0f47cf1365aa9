package org.bloc.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.server.CommunityBootstrapper;
import org.neo4j.server.NeoBootstrapper;

/**
 * Starts a real Neo4j Community server (the same CommunityBootstrapper that the
 * official distribution's CommunityEntryPoint uses: Bolt + HTTP + Browser) for
 * local development and tests, then makes sure user {@code neo4j} has the
 * password from {@code NEO4J_PASSWORD} with no password change required.
 *
 * <p>Environment (all optional):
 * <ul>
 *   <li>{@code BLOC_NEO4J_HOME}: server home; data/, logs/, run/, plugins/ live under it (default {@code out/neo4j})</li>
 *   <li>{@code NEO4J_PASSWORD}: password of user neo4j (default {@code blocpassword}, at least 8 characters)</li>
 *   <li>{@code NEO4J_BOLT_PORT}: Bolt port on 127.0.0.1 (default 7687)</li>
 *   <li>{@code NEO4J_HTTP_PORT}: HTTP port on 127.0.0.1 (default 7474)</li>
 *   <li>{@code NEO4J_PAGECACHE}: page cache size (default 256m); heap is set by the JVM flags</li>
 *   <li>{@code NEO4J_AUTH_MAX_FAILED_ATTEMPTS}: failed logins before a 5s lock (default 0 = never lock)</li>
 * </ul>
 * Extra settings may be put in {@code $BLOC_NEO4J_HOME/conf/neo4j.conf}; the values set here win.
 *
 * <p>When everything is ready the line {@value #READY} is printed and the file
 * {@code run/bloc-ready} is written. Until then clients must not rely on the password.
 */
public final class LocalNeo4jServer {
    static final String READY = "BLOC_NEO4J_READY";

    private LocalNeo4jServer() {}

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("BLOC_NEO4J_HOME", "out/neo4j")).toAbsolutePath().normalize();
        String password = env("NEO4J_PASSWORD", "blocpassword");
        int boltPort = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        int httpPort = Integer.parseInt(env("NEO4J_HTTP_PORT", "7474"));
        String pageCache = env("NEO4J_PAGECACHE", "256m");
        String maxFailedLogins = env("NEO4J_AUTH_MAX_FAILED_ATTEMPTS", "0");

        Path run = home.resolve("run");
        Path plugins = home.resolve("plugins");
        Files.createDirectories(run);
        Files.createDirectories(plugins);
        Path readyFile = run.resolve("bloc-ready");
        Files.deleteIfExists(readyFile);

        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("server.directories.data", home.resolve("data").toString());
        cfg.put("server.directories.logs", home.resolve("logs").toString());
        cfg.put("server.directories.run", run.toString());
        cfg.put("server.directories.plugins", plugins.toString());
        cfg.put("server.directories.import", home.resolve("import").toString());
        cfg.put("server.default_listen_address", "127.0.0.1");
        cfg.put("server.default_advertised_address", "localhost");
        cfg.put("server.bolt.enabled", "true");
        cfg.put("server.bolt.listen_address", "127.0.0.1:" + boltPort);
        cfg.put("server.bolt.advertised_address", "localhost:" + boltPort);
        cfg.put("server.bolt.tls_level", "DISABLED");
        cfg.put("server.http.enabled", "true");
        cfg.put("server.http.listen_address", "127.0.0.1:" + httpPort);
        cfg.put("server.http.advertised_address", "localhost:" + httpPort);
        cfg.put("server.https.enabled", "false");
        cfg.put("dbms.security.auth_enabled", "true");
        // Neo4j's default (3) locks user neo4j for 5s after repeated wrong passwords, even for the
        // right one, and then answers AuthenticationRateLimit instead of Unauthorized. On this
        // loopback-only test server that makes tests flaky, so the lock is off unless asked for.
        cfg.put("dbms.security.auth_max_failed_attempts", maxFailedLogins);
        cfg.put("server.memory.pagecache.size", pageCache);
        cfg.put("dbms.usage_report.enabled", "false");
        cfg.put("client.allow_telemetry", "false");
        cfg.put("db.tx_log.rotation.retention_policy", "100M size");
        cfg.put("dbms.security.procedures.unrestricted", "apoc.*");
        // A stop should take ~1s, not the default 2 x 5s of waiting for idle Bolt threads.
        cfg.put("internal.server.bolt.thread_pool_shutdown_wait_time", "1s");
        cfg.put("internal.server.bolt.connection_shutdown_wait_time", "1s");

        NeoBootstrapper bootstrapper = new CommunityBootstrapper();
        // daemonMode=false: the user log goes to stdout (scripts/neo4j-up.sh sends it to out/neo4j/neo4j.log).
        Path confFile = home.resolve("conf").resolve("neo4j.conf");
        int rc = bootstrapper.start(home, Files.isRegularFile(confFile) ? confFile : null, cfg, false, false);
        if (rc != NeoBootstrapper.OK) {
            System.err.println("Neo4j failed to start (code " + rc + "), see the log above and " + home.resolve("logs"));
            System.exit(rc);
        }

        try {
            setPassword(bootstrapper.getDatabaseManagementService(), password);
        } catch (RuntimeException e) {
            System.err.println("Could not set the password of user neo4j: " + e.getMessage());
            bootstrapper.stop();
            System.exit(3);
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(readyFile);
            } catch (Exception ignored) {
                // best effort
            }
        }, "bloc-ready-cleanup"));
        Files.writeString(readyFile, ProcessHandle.current().pid() + "\n");
        System.out.println(READY + " bolt=bolt://localhost:" + boltPort + " http=http://localhost:" + httpPort);
        System.out.flush();

        // Neo4j's own threads keep the JVM alive; SIGTERM/SIGINT run its shutdown hook.
        new CountDownLatch(1).await();
    }

    /** Sets the password of user neo4j through the system database, before anyone is told the server is ready. */
    static void setPassword(DatabaseManagementService dbms, String password) {
        var system = dbms.database("system");
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
            // Already this password (a restart): just make sure no change is required.
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }
}

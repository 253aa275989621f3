package io.saccade.runtime.mqtt;

import io.saccade.runtime.telemetry.EnumCounters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link MqttPort} over Paho's asynchronous MQTT 3.1.1 client. Connection attempts (the first one too, which Paho
 * would not retry) run on one scheduler thread with exponential backoff; after each connect the subscriptions are
 * renewed and the owner's {@code onConnected} runs (to publish its retained status). Nothing is buffered while
 * disconnected. The Will is asked for anew before every attempt, so that a signed Will can name its connection
 * ({@link SignedMqtt}). With an {@code ssl://} URI the broker's certificate must chain to the configured CA file and
 * name the broker's host.
 * <p>
 * Large because it adapts Paho's callback API (connect, reconnect with back-off, subscriptions that survive reconnects,
 * Will) in one place so that no service sees Paho.
 */
public final class PahoMqttPort implements MqttPort {
    private static final System.Logger LOG = System.getLogger(PahoMqttPort.class.getName());
    private static final int MAX_IN_FLIGHT = 256;

    private final MqttConfig settings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Supplier<MqttWill> will;
    private final EnumCounters<MqttEvent> counters;
    private final Runnable onConnected;
    private final Runnable onLost;
    private final ScheduledExecutorService connector;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile boolean up;
    private int failedAttempts;

    private PahoMqttPort(final MqttConfig settings, final String clientId, final Supplier<MqttWill> will,
                         final Runnable onConnected, final Runnable onLost, final EnumCounters<MqttEvent> counters)
        throws MqttException {
        this.settings = settings;
        this.counters = counters;
        this.onConnected = onConnected;
        this.onLost = onLost;
        this.will = will;
        this.client = new MqttAsyncClient(settings.uri(), clientId, new MemoryPersistence());
        this.options = connectOptions(settings);
        this.connector = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
            .name("mqtt-connect-" + clientId).factory());
        client.setCallback(new Callback());
    }

    /**
     * Starts connecting in the background and returns at once.
     *
     * @param settings    the broker.
     * @param clientId    a client id unique on the broker.
     * @param will        the Will to leave, asked for before every connection attempt; {@code null} for none.
     * @param onConnected runs on the connector thread after every (re)connect; must not block for long.
     * @param counters    where events are counted.
     * @return the port.
     * @throws IllegalArgumentException when the settings cannot make a client.
     */
    public static PahoMqttPort start(final MqttConfig settings, final String clientId,
                                     final Supplier<MqttWill> will, final Runnable onConnected,
                                     final EnumCounters<MqttEvent> counters) {
        return start(settings, clientId, will, onConnected, () -> { }, counters);
    }

    /**
     * Starts connecting in the background and returns at once, telling {@code onLost} about every lost connection
     * as soon as the client notices it (a leader uses that to stop publishing at once).
     *
     * @param settings    the broker.
     * @param clientId    a client id unique on the broker.
     * @param will        the Will to leave, asked for before every connection attempt; {@code null} for none.
     * @param onConnected runs on the connector thread after every (re)connect; must not block for long.
     * @param onLost      runs on the client's thread when an established connection is lost; must not block.
     * @param counters    where events are counted.
     * @return the port.
     * @throws IllegalArgumentException when the settings cannot make a client (a TLS CA file that cannot be read
     *                                  included).
     */
    public static PahoMqttPort start(final MqttConfig settings, final String clientId,
                                     final Supplier<MqttWill> will, final Runnable onConnected,
                                     final Runnable onLost, final EnumCounters<MqttEvent> counters) {
        final PahoMqttPort port = create(settings, clientId, will, onConnected, onLost, counters);
        port.begin();
        return port;
    }

    /** A port that does not connect until {@link #begin()}, for an owner that must hold it before it connects. */
    static PahoMqttPort create(final MqttConfig settings, final String clientId, final Supplier<MqttWill> will,
                               final Runnable onConnected, final Runnable onLost,
                               final EnumCounters<MqttEvent> counters) {
        try {
            return new PahoMqttPort(settings, clientId, will, onConnected, onLost, counters);
        } catch (final MqttException ex) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + settings.uri() + ": "
                + ex.getMessage(), ex);
        }
    }

    /** Starts connecting in the background. */
    void begin() {
        connector.execute(this::connect);
    }

    @Override
    public boolean publish(final String topic, final byte[] payload, final int qos, final boolean retained) {
        if (!client.isConnected()) {
            counters.increment(MqttEvent.DROPPED_DISCONNECTED);
            return false;
        }
        try {
            client.publish(topic, payload, qos, retained);
            counters.increment(MqttEvent.PUBLISHED);
            return true;
        } catch (final MqttException ex) {
            counters.increment(ex.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT
                ? MqttEvent.DROPPED_BUSY : MqttEvent.DROPPED_DISCONNECTED);
            return false;
        }
    }

    @Override
    public void subscribe(final String filter, final int qos, final BiConsumer<String, byte[]> handler) {
        final Subscription subscription = new Subscription(filter, qos, handler);
        if (subscriptions.putIfAbsent(filter, subscription) != null) {
            throw new IllegalArgumentException("already subscribed to " + filter + "; one handler per filter");
        }
        if (client.isConnected()) {
            subscription.renew();
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * @param timeout how long to wait.
     * @return whether the broker got connected within the timeout.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean awaitConnected(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!client.isConnected()) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    /** @return the broker URI. */
    public String uri() {
        return settings.uri();
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(100).waitForCompletion(1_000);
            }
        } catch (final MqttException ex) {
            LOG.log(System.Logger.Level.DEBUG, "disconnect from {0} failed: {1}", settings.uri(), ex.getMessage());
        }
        try {
            client.close(true);
        } catch (final MqttException ex) {
            LOG.log(System.Logger.Level.DEBUG, "closing the MQTT client failed: {0}", ex.getMessage());
        }
    }

    /**
     * Drops the connection without a DISCONNECT packet and stops, as a crashed process would; the broker then
     * publishes the Will. For tests of what subscribers see.
     *
     * @throws MqttException when the client refuses.
     */
    void abandon() throws MqttException {
        closed = true;
        connector.shutdownNow();
        client.disconnectForcibly(0, 100, false);
        client.close(true);
    }

    private void connect() {
        if (closed) {
            return;
        }
        if (client.isConnected()) {
            if (!up) {
                up(); // an attempt that timed out here completed afterwards
            }
            return;
        }
        try {
            if (will != null) {
                final MqttWill current = will.get();
                options.setWill(current.topic(), current.payload(), 1, true);
            }
            client.connect(options).waitForCompletion(settings.connectTimeoutMillis());
            failedAttempts = 0;
            up();
        } catch (final MqttException ex) {
            counters.increment(MqttEvent.CONNECT_FAILED);
            failedAttempts++;
            if (failedAttempts == 1) {
                LOG.log(System.Logger.Level.WARNING, "cannot reach broker {0} ({1}); retrying with backoff up to "
                    + "{2,number,#} ms", settings.uri(), ex.getCause() == null ? ex.getMessage()
                    : ex.getMessage() + ": " + ex.getCause().getMessage(), settings.reconnectMaxMillis());
            }
            reconnectLater(settings.reconnectDelayMillis(failedAttempts));
        }
    }

    /** The connection is up: subscribe again and tell the service, once per connection. */
    private void up() {
        up = true;
        counters.increment(MqttEvent.CONNECTED);
        LOG.log(System.Logger.Level.INFO, "connected to {0} as {1}", settings.uri(), client.getClientId());
        subscriptions.values().forEach(Subscription::renew);
        onConnected.run();
        synchronized (this) {
            notifyAll();
        }
    }

    private void reconnectLater(final long delayMillis) {
        if (!closed) {
            try {
                connector.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
            } catch (final RejectedExecutionException ex) {
                LOG.log(System.Logger.Level.DEBUG, "not reconnecting: shutting down");
            }
        }
    }

    private static MqttConnectOptions connectOptions(final MqttConfig settings) {
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false); // our own loop also covers a first connect that fails
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(Math.max(1, settings.connectTimeoutMillis() / 1_000));
        options.setMaxInflight(MAX_IN_FLIGHT);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
        }
        if (!settings.passwordFile().isEmpty()) {
            try {
                options.setPassword(Files.readString(Path.of(settings.passwordFile())).strip().toCharArray());
            } catch (final IOException ex) {
                throw new UncheckedIOException("cannot read mqtt.passwordFile " + settings.passwordFile(), ex);
            }
        }
        if (settings.tls()) {
            options.setSocketFactory(tls(settings).getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }

    /** A TLS context that trusts the configured CA file, or the JVM's trust store when none is configured. */
    private static SSLContext tls(final MqttConfig settings) {
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            if (settings.caFile().isBlank()) {
                context.init(null, null, null);
                return context;
            }
            final KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(settings.caFile()))) {
                int index = 0;
                for (final Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.setCertificateEntry("ca-" + index++, certificate);
                }
                if (index == 0) {
                    throw new IllegalArgumentException("mqtt.caFile " + settings.caFile() + " holds no certificate");
                }
            }
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (final IOException | GeneralSecurityException ex) {
            throw new IllegalArgumentException("cannot use mqtt.caFile " + settings.caFile() + ": " + ex.getMessage(),
                ex);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(final Throwable cause) {
            up = false;
            counters.increment(MqttEvent.CONNECTION_LOST);
            LOG.log(System.Logger.Level.WARNING, "lost broker {0}: {1}", settings.uri(),
                cause == null ? "closed" : cause.getMessage());
            onLost.run();
            reconnectLater(settings.reconnectMinMillis());
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            // Messages are routed to per-subscription listeners.
        }

        @Override
        public void deliveryComplete(final IMqttDeliveryToken token) {
            // QoS 0 results need no acknowledgement.
        }
    }

    private final class Subscription {
        private final String filter;
        private final int qos;
        private final BiConsumer<String, byte[]> handler;

        private Subscription(final String filter, final int qos, final BiConsumer<String, byte[]> handler) {
            this.filter = filter;
            this.qos = qos;
            this.handler = handler;
        }

        private void renew() {
            try {
                client.subscribe(filter, qos, (topic, message) -> deliver(topic, message.getPayload()));
            } catch (final MqttException ex) {
                LOG.log(System.Logger.Level.WARNING, "cannot subscribe to {0}: {1}", filter, ex.getMessage());
            }
        }

        private void deliver(final String topic, final byte[] payload) {
            try {
                handler.accept(topic, payload);
            } catch (final RuntimeException ex) {
                counters.increment(MqttEvent.HANDLER_FAILED);
                LOG.log(System.Logger.Level.WARNING, "handler for {0} failed on a message: {1}", topic, ex);
            }
        }
    }
}

package io.saccade.runtime.testing;

import java.nio.file.Path;
import java.util.stream.Stream;

/** The brokers integration tests run against: the embedded one of the local demo and Mosquitto of the cluster. */
public final class TestBrokers {
    private TestBrokers() {
    }

    /** Starts one kind of test broker. */
    @FunctionalInterface
    public interface Kind {
        /**
         * @param directory where its files go.
         * @return the running broker.
         * @throws Exception when it does not come up (or the test is skipped for want of it).
         */
        TestBroker start(Path directory) throws Exception;
    }

    /** @return both kinds, named, for {@code @ParameterizedTest @MethodSource}. */
    public static Stream<Kind> both() {
        return Stream.of(named("embedded", EmbeddedBrokerProcess::start), named("mosquitto", MosquittoBroker::start));
    }

    private static Kind named(final String name, final Kind kind) {
        return new Kind() {
            @Override
            public TestBroker start(final Path directory) throws Exception {
                return kind.start(directory);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}

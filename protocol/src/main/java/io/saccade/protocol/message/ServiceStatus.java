package io.saccade.protocol.message;

/**
 * The state of one service process, published retained on its status topic; the broker publishes the
 * {@link ServiceState#OFFLINE} form as its Last Will when the process vanishes. A node's status is the set of its
 * services' statuses.
 *
 * @param version      layout version, {@value #VERSION}.
 * @param node         node the service runs on.
 * @param service      service instance name, unique on the node.
 * @param role         what kind of service it is.
 * @param state        its life-cycle state.
 * @param model        the model it serves; {@code null} for services without one.
 * @param device       the device it uses; {@code null} for services without one.
 * @param loadMillis   time its start-up work took (model load and warm-up); 0 when none.
 * @param fps          frames handled per second, recently.
 * @param processed    frames handled since start.
 * @param skipped      frames skipped since start because a newer one arrived.
 * @param errors       errors since start.
 * @param detail       why the state is what it is, for people; {@code null} when nothing to say.
 * @param sentAtMillis wall-clock time of publishing, for display only.
 */
public record ServiceStatus(int version, String node, String service, ServiceRole role, ServiceState state,
                            String model, String device, long loadMillis, double fps, long processed, long skipped,
                            long errors, String detail, long sentAtMillis) implements Message {
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** Validates the fields. */
    public ServiceStatus {
        FieldRules.version(version, VERSION, "status");
        FieldRules.name(node, "node");
        FieldRules.name(service, "service");
        FieldRules.present(role, "role");
        FieldRules.present(state, "state");
        if (model != null) {
            FieldRules.name(model, "model");
        }
        FieldRules.notNegative(loadMillis, "loadMillis");
        FieldRules.notNegative(fps, "fps");
        FieldRules.notNegative(processed, "processed");
        FieldRules.notNegative(skipped, "skipped");
        FieldRules.notNegative(errors, "errors");
    }
}

package io.saccade.runtime.mqtt;

/** What happened on a broker connection, counted. */
public enum MqttEvent {
    /** A message was handed to the client. */
    PUBLISHED,
    /** A publish was dropped because the broker was not connected. */
    DROPPED_DISCONNECTED,
    /** A publish was dropped because the client's in-flight window was full. */
    DROPPED_BUSY,
    /** The connection came up. */
    CONNECTED,
    /** A connection attempt failed. */
    CONNECT_FAILED,
    /** An established connection was lost. */
    CONNECTION_LOST,
    /** A subscriber threw on a message; the message was dropped. */
    HANDLER_FAILED
}

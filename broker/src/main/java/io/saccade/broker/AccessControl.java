package io.saccade.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;

/**
 * The embedded broker's door: a client connects only with a known user name and its password ({@link BrokerUsers}),
 * and then may publish and subscribe only where the ACL grants it ({@link TopicAcl}); without an ACL an authenticated
 * user may do anything, as with Mosquitto without {@code acl_file}. An embedded HiveMQ extension. Unlike Mosquitto,
 * which drops a publish it refuses without a word, HiveMQ disconnects an MQTT 3 client that publishes where it may
 * not.
 */
final class AccessControl implements ExtensionMain {
    private static final System.Logger LOG = System.getLogger(AccessControl.class.getName());

    private final BrokerUsers users;
    private final TopicAcl acl;

    /**
     * @param users who may connect.
     * @param acl   where they may publish and subscribe, or {@code null} for anywhere.
     */
    AccessControl(final BrokerUsers users, final TopicAcl acl) {
        this.users = users;
        this.acl = acl;
    }

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(provider -> (SimpleAuthenticator)this::authenticate);
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        // nothing held
    }

    private void authenticate(final SimpleAuthInput input, final SimpleAuthOutput output) {
        final ConnectPacket connect = input.getConnectPacket();
        if (!users.admits(connect.getUserName(), connect.getPassword())) {
            LOG.log(System.Logger.Level.WARNING, "refused client {0}: unknown user or wrong password ({1})",
                connect.getClientId(), connect.getUserName().orElse("no user name"));
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user or wrong password");
            return;
        }
        if (acl != null) {
            permit(output.getDefaultPermissions(), connect.getUserName().orElseThrow(), connect.getClientId());
        }
        output.authenticateSuccessfully();
    }

    private void permit(final ModifiableDefaultPermissions permissions, final String user, final String clientId) {
        for (final TopicAcl.Grant grant : acl.grants(user, clientId)) {
            permissions.add(Builders.topicPermission()
                .topicFilter(grant.filter())
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(switch (grant.access()) {
                    case READ -> TopicPermission.MqttActivity.SUBSCRIBE;
                    case WRITE -> TopicPermission.MqttActivity.PUBLISH;
                    case READWRITE -> TopicPermission.MqttActivity.ALL;
                })
                .build());
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }
}

package org.confero.client.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.ConnectionListener;
import org.confero.client.Phase;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

class PhaseTimingsTest {

    /**
     * The client hands the application's listener to the connection process only through PhaseTimings: a listener
     * method it does not pass on would never reach the application (the CLI's phase output, its --json events).
     */
    @Test
    void everyListenerMethodIsPassedOn() {
        List<String> notPassedOn = Arrays.stream(ConnectionListener.class.getDeclaredMethods())
                .filter(m -> !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declaredBy(PhaseTimings.class, m)).map(Method::getName).toList();

        assertThat(notPassedOn).isEmpty();
    }

    @Test
    void aMoveBackToUdpReachesTheApplication() {
        List<String> heard = new CopyOnWriteArrayList<>();
        PhaseTimings timings = new PhaseTimings(new ConnectionListener() {
            @Override
            public void transportChanged(MediaType type, Transport from, Transport to, MediaOutcome outcome) {
                heard.add(type + " " + from + " -> " + to);
            }
        });

        timings.transportChanged(MediaType.AUDIO, Transport.TCP, Transport.UDP,
                new MediaOutcome(MediaType.AUDIO, Optional.empty(), List.of()));
        timings.phaseStarted(Phase.LOOKUP);

        assertThat(heard).containsExactly("AUDIO TCP -> UDP");
    }

    private static boolean declaredBy(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

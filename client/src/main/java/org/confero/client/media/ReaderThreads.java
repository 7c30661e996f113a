package org.confero.client.media;

import java.util.Locale;

import org.confero.protocol.media.MediaType;

/** The one daemon thread per media connection that reads the socket into its {@link InboundQueue}. */
final class ReaderThreads {

    private ReaderThreads() {
    }

    static void start(Runnable readLoop, String transport, MediaType mediaType) {
        Thread reader = new Thread(readLoop,
                "confero-media-" + transport + "-" + mediaType.name().toLowerCase(Locale.ROOT));
        reader.setDaemon(true);
        reader.start();
    }
}

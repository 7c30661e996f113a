package org.confero.protocol.rest;

import java.util.List;

/** One page of a list: {@code items} from {@code offset}, at most {@code limit} of {@code total}. */
public record PageView<T>(List<T> items, long total, int offset, int limit) {

    public PageView {
        items = List.copyOf(items);
    }
}

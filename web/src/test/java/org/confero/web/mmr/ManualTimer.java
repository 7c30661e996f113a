package org.confero.web.mmr;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose tasks run only when the test says their time has come: no waiting, no threads. */
final class ManualTimer {

    record Task(Runnable command, long delayMillis, boolean[] cancelled) {
        boolean isCancelled() {
            return cancelled[0];
        }
    }

    final List<Task> tasks = new ArrayList<>();

    ScheduledExecutorService executor() {
        return (ScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ScheduledExecutorService.class }, (proxy, method, args) -> {
                    if (!method.getName().equals("schedule") || !(args[0] instanceof Runnable command)) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Task task = new Task(command, ((TimeUnit) args[2]).toMillis((Long) args[1]), new boolean[1]);
                    tasks.add(task);
                    return future(task);
                });
    }

    /** Runs every task that was not cancelled, as when their delay has passed. */
    void runDue() {
        tasks.stream().filter(task -> !task.isCancelled()).forEach(task -> task.command().run());
    }

    private static ScheduledFuture<?> future(Task task) {
        return (ScheduledFuture<?>) Proxy.newProxyInstance(ManualTimer.class.getClassLoader(),
                new Class<?>[] { ScheduledFuture.class }, (proxy, method, args) -> {
                    if (method.getName().equals("cancel")) {
                        task.cancelled()[0] = true;
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

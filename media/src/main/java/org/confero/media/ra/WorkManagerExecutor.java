package org.confero.media.ra;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the relay's event loops on the container's work manager, so that every thread the relay uses is the container's
 * (and counted in the {@code confero-media} work manager's pools). Each task is an event loop that lives as long as the
 * relay, so the work is marked long-running where the container understands the hint.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;
    private final boolean longRunningHint;

    WorkManagerExecutor(WorkManager workManager, boolean longRunningHint) {
        this.workManager = workManager;
        this.longRunningHint = longRunningHint;
    }

    @Override
    public void execute(Runnable task) {
        try {
            // startWork returns once the work has a thread: the relay's start() then knows its loops exist.
            workManager.startWork(new LoopWork(task, longRunningHint), WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            throw new RejectedExecutionException("the confero-media work manager refused an event loop: " + e, e);
        }
    }

    private record LoopWork(Runnable loop, boolean longRunningHint) implements Work, WorkContextProvider {

        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            loop.run();
        }

        @Override
        public void release() {
            // The loop ends when the relay shuts its event loop group down (ConferoResourceAdapter.stop).
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            if (!longRunningHint) {
                return List.of();
            }
            HintsContext hints = new HintsContext();
            hints.setName("confero relay event loop");
            hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
            return List.of(hints);
        }
    }
}

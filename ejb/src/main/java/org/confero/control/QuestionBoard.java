package org.confero.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 23: a webinar's Q&A on this router. Bounded, because every entry is keyed by what clients send: an asker has at
 * most {@code perAsker} open (unanswered) questions, and the board keeps at most {@code capacity} questions, dropping
 * the oldest answered one to make room; when every kept question is still open, new ones are refused. Guarded by its
 * room's lock.
 */
final class QuestionBoard {

    /** One question, as panelists see it. */
    static final class Question {
        final long id;
        final String askerId;
        final String askerName;
        final String text;
        final Instant at;
        boolean answered;

        Question(long id, String askerId, String askerName, String text, Instant at) {
            this.id = id;
            this.askerId = askerId;
            this.askerName = askerName;
            this.text = text;
            this.at = at;
        }
    }

    /** Why a question was not taken. */
    enum Refusal {
        TOO_MANY_OPEN, BOARD_FULL
    }

    private final int perAsker;
    private final int capacity;
    /** By id, in the order asked (ids grow). */
    private final Map<Long, Question> questions = new LinkedHashMap<>();
    private long nextId;

    QuestionBoard(int perAsker, int capacity) {
        this(perAsker, capacity, 1);
    }

    /**
     * @param firstId
     *            this router's first question id: a webinar on several routers keeps one board per router, each holding
     *            the questions asked anywhere, so each router numbers from its own random origin (ids stay below 2^53,
     *            exact in JavaScript)
     */
    QuestionBoard(int perAsker, int capacity, long firstId) {
        if (perAsker < 1 || capacity < 1 || firstId < 1) {
            throw new IllegalArgumentException("Q&A bounds and the first id must be positive");
        }
        this.perAsker = perAsker;
        this.capacity = capacity;
        this.nextId = firstId;
    }

    int perAsker() {
        return perAsker;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Whether {@code askerId} may ask now, making room by dropping the oldest answered question when the board is full;
     * empty when {@link #add} may follow.
     */
    Optional<Refusal> makeRoomFor(String askerId) {
        long open = questions.values().stream().filter(q -> !q.answered && q.askerId.equals(askerId)).count();
        if (open >= perAsker) {
            return Optional.of(Refusal.TOO_MANY_OPEN);
        }
        if (questions.size() >= capacity && !dropOldestAnswered()) {
            return Optional.of(Refusal.BOARD_FULL);
        }
        return Optional.empty();
    }

    /** After {@link #makeRoomFor} said yes. */
    Question add(String askerId, String askerName, String text, Instant at) {
        Question question = new Question(nextId++, askerId, askerName, text, at);
        questions.put(question.id, question);
        return question;
    }

    /**
     * A question asked on another router of the webinar, kept so that this router's stage sees it and may answer it.
     * Bounded like the rest: when every kept question is open it is not kept (false), and neither is an id already
     * here.
     */
    boolean addRemote(Question question) {
        if (questions.containsKey(question.id) || questions.size() >= capacity && !dropOldestAnswered()) {
            return false;
        }
        questions.put(question.id, question);
        return true;
    }

    /** Marks a question answered; empty when there is no such question (any more). */
    Optional<Question> answer(long id) {
        Question question = questions.get(id);
        if (question != null) {
            question.answered = true;
        }
        return Optional.ofNullable(question);
    }

    /** Open questions, oldest first, for a panelist who joins. */
    List<Question> open() {
        List<Question> open = new ArrayList<>();
        questions.values().stream().filter(q -> !q.answered).forEach(open::add);
        return open;
    }

    int size() {
        return questions.size();
    }

    private boolean dropOldestAnswered() {
        for (Iterator<Question> it = questions.values().iterator(); it.hasNext();) {
            if (it.next().answered) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}

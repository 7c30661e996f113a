// Issue 23: a webinar as the web client sees it, from the control channel's messages. The role (host, panelist,
// attendee) is the router's: it comes with the welcome and with `role` (promotion, demotion), never from here. The
// stage (host, panelists) gets hands and questions; attendees get the count, their own questions' answers and the
// public ones. Bounded: what the stage keeps is capped like the server's Q&A (oldest answered dropped first).

export const MAX_QUESTIONS = 1000;
const STAGE_PASS_KEY = 'confero.stagePass.';

/**
 * Issue 23: the stage pass a promotion issued for `meetingId`, kept in this tab's session storage so that rejoining
 * (the Rejoin button, a reload) keeps the panelist role; the server alone decides whether it still counts.
 */
export const stagePasses = {
    get(meetingId) {
        try {
            return globalThis.sessionStorage?.getItem(STAGE_PASS_KEY + meetingId) || null;
        } catch {
            return null;
        }
    },
    set(meetingId, pass) {
        try {
            if (pass) {
                globalThis.sessionStorage?.setItem(STAGE_PASS_KEY + meetingId, pass);
            } else {
                globalThis.sessionStorage?.removeItem(STAGE_PASS_KEY + meetingId);
            }
        } catch {
            // storage disabled: a rejoin is an attendee's, as without the pass
        }
    },
};
export const MAX_QUESTION_CHARS = 1000;

export class Webinar extends EventTarget {
    /** `control`: the ControlChannel (events by message type, `sendNow`); `welcome`: its joined/resumed message. */
    constructor(control, welcome) {
        super();
        this.control = control;
        this.enabled = welcome?.webinar === true;
        this.role = welcome?.role || 'attendee';
        this.canSend = welcome?.canSend !== false;
        this.attendeeCount = welcome?.attendeeCount || 0;
        this.hands = new Map();
        this.questions = new Map();
        this.mine = new Map();
        this.answers = [];
        this.handRaised = false;
        this.takeStage(welcome);
        for (const type of ['attendees', 'hand', 'question', 'question-received', 'answer', 'role']) {
            control.addEventListener(type, (e) => this.receive(e.detail));
        }
    }

    get onStage() {
        return this.role === 'host' || this.role === 'panelist';
    }

    receive(message) {
        switch (message.type) {
        case 'attendees':
            this.attendeeCount = message.count;
            break;
        case 'hand':
            if (message.raised) {
                this.hands.set(message.participantId, message.name);
            } else {
                this.hands.delete(message.participantId);
            }
            if (!this.onStage) {
                this.handRaised = message.raised; // only our own hand reaches an attendee
            }
            break;
        case 'question':
            this.keep(message);
            break;
        case 'question-received':
            this.mine.set(message.id, message.text);
            break;
        case 'answer':
            this.answers.push(message);
            if (this.answers.length > MAX_QUESTIONS) {
                this.answers.shift();
            }
            if (this.questions.has(message.questionId)) {
                this.questions.get(message.questionId).answered = true;
            }
            break;
        case 'role':
            this.role = message.role;
            this.canSend = message.canSend === true;
            this.attendeeCount = message.attendeeCount ?? this.attendeeCount;
            this.hands.clear();
            this.questions.clear();
            this.takeStage(message);
            this.handRaised = false;
            break;
        default:
            return;
        }
        this.dispatchEvent(new CustomEvent('change', { detail: message }));
    }

    raiseHand(raised) {
        return this.control.sendNow({ type: 'hand', raised: raised === true });
    }

    ask(text) {
        const question = String(text).trim();
        if (!question || question.length > MAX_QUESTION_CHARS) {
            throw new Error(`a question is 1 to ${MAX_QUESTION_CHARS} characters`);
        }
        return this.control.sendNow({ type: 'question', text: question });
    }

    answer(questionId, text, privately = false) {
        return this.control.sendNow({ type: 'answer', questionId, text: String(text), private: privately === true });
    }

    promote(participantId) {
        return this.control.sendNow({ type: 'promote', participantId });
    }

    demote(participantId) {
        return this.control.sendNow({ type: 'demote', participantId });
    }

    /** Open questions, oldest first (the stage's queue). */
    openQuestions() {
        return [...this.questions.values()].filter((q) => !q.answered);
    }

    /** Answered questions, oldest first. */
    answeredQuestions() {
        return [...this.questions.values()].filter((q) => q.answered);
    }

    /** What tests and the stats overlay read. */
    stats() {
        return { enabled: this.enabled, role: this.role, canSend: this.canSend, attendeeCount: this.attendeeCount,
            hands: this.hands.size, openQuestions: this.openQuestions().length,
            answeredQuestions: this.answeredQuestions().length, answers: this.answers.length,
            myQuestions: this.mine.size };
    }

    takeStage(message) {
        for (const hand of message?.hands || []) {
            this.hands.set(hand.participantId, hand.name);
        }
        for (const question of message?.questions || []) {
            this.keep(question);
        }
    }

    keep(question) {
        this.questions.set(question.id, { ...question, answered: false });
        if (this.questions.size > MAX_QUESTIONS) {
            const oldest = [...this.questions.values()].find((q) => q.answered) || this.questions.values().next().value;
            this.questions.delete(oldest.id);
        }
    }
}

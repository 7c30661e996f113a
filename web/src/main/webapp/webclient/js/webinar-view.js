// Issue 23: the webinar parts of the meeting room. A live bar above the stage says the participant's role, how many
// are on stage and how many watch. Attendees see the stage (they have no tile of their own: they send nothing), a
// raise-hand button and a Q&A tab (their own questions, waiting or answered, and the answers they may see); the stage
// (host, panelists) sees the Q&A queue, open and answered, with public and private answers, and the host the raised
// hands with Promote and the panelists with Demote. The state is
// the Webinar's (webinar.js), from the router's messages; this module only draws it and turns clicks into messages.

const $ = (id) => document.getElementById(id);

/** Wires the room's webinar controls to `meeting.webinar`; `roster()` gives the stage as the People tab lists it. */
export function showWebinar(meeting, roster) {
    const webinar = meeting.webinar;
    const enabled = webinar?.enabled === true;
    $('tab-qa').hidden = !enabled;
    $('hand').hidden = true;
    $('webinar-bar').hidden = !enabled;
    $('room').classList.toggle('webinar', enabled);
    if (!enabled) {
        $('room').classList.remove('attendee');
        return;
    }
    $('hand').onclick = () => webinar.raiseHand(!webinar.handRaised);
    $('qa-form').onsubmit = (event) => {
        event.preventDefault();
        const text = $('qa-input').value.trim();
        if (!text) {
            return;
        }
        try {
            webinar.ask(text);
            $('qa-input').value = '';
        } catch (e) {
            $('qa-error').textContent = e.message;
        }
    };
    const render = () => renderWebinar(meeting, roster());
    webinar.addEventListener('change', render);
    render();
}

export function renderWebinar(meeting, stage) {
    const webinar = meeting.webinar;
    if (!webinar?.enabled) {
        return;
    }
    const host = webinar.role === 'host';
    $('room').classList.toggle('attendee', !webinar.onStage);
    $('hand').hidden = webinar.onStage;
    $('hand').setAttribute('aria-pressed', String(webinar.handRaised));
    $('hand').querySelector('.caption').textContent = webinar.handRaised ? 'Lower hand' : 'Raise hand';
    const attendees = `${webinar.attendeeCount} attendee${webinar.attendeeCount === 1 ? '' : 's'}`;
    $('attendee-count').textContent = attendees;
    $('webinar-attendees').textContent = `${attendees} watching`;
    $('webinar-role').textContent = host ? 'Host' : webinar.role === 'panelist' ? 'Panelist · on stage' : 'Attendee';
    $('webinar-stage').textContent = `${stage.length} on stage`;
    const open = webinar.openQuestions().length;
    $('webinar-open').hidden = !webinar.onStage || open === 0;
    $('webinar-open').textContent = `${open} open question${open === 1 ? '' : 's'}`;
    $('qa-input').placeholder = webinar.onStage ? 'Questions reach the panelists' : 'Ask the panelists';
    $('qa-form').hidden = webinar.onStage;

    const hands = $('hands');
    hands.replaceChildren();
    for (const [id, name] of webinar.onStage ? webinar.hands : []) {
        hands.append(item(`✋ ${name}`, host ? [button('Promote', () => webinar.promote(id))] : []));
    }
    if (host) {
        for (const p of stage.filter((s) => s.role === 'panelist')) {
            hands.append(item(`${p.name} (panelist)`, [button('Demote', () => webinar.demote(p.id))]));
        }
    }

    const questions = $('questions');
    const answered = $('answered');
    questions.replaceChildren();
    answered.replaceChildren();
    if (webinar.onStage) {
        for (const q of webinar.openQuestions()) {
            questions.append(question(q.name, q.text, 'waiting', [
                button('Answer', () => reply(webinar, q.id, false)),
                button('Reply privately', () => reply(webinar, q.id, true)),
            ]));
        }
    } else {
        const answeredIds = new Set(webinar.answers.map((a) => a.questionId));
        for (const [id, text] of webinar.mine) {
            if (!answeredIds.has(id)) {
                questions.append(question('You', text, 'waiting', []));
            }
        }
    }
    for (const a of webinar.answers) {
        const li = question(a.askerName, a.question, a.public ? 'done' : 'private', []);
        const answer = document.createElement('span');
        answer.className = 'answer';
        answer.textContent = `${a.byName}: ${a.text}`;
        li.append(answer);
        answered.append(li);
    }
    $('qa-open-heading').textContent = `Open questions (${questions.children.length})`;
    $('qa-answered-heading').textContent = `Answered (${answered.children.length})`;
}

/** One question: who asked, what, and whether it waits for an answer; names and text are the clients' (no HTML). */
function question(who, text, state, actions) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'who';
    name.textContent = who;
    const body = document.createElement('span');
    body.textContent = text;
    const status = document.createElement('span');
    status.className = `state ${state === 'waiting' ? 'waiting' : 'done'}`;
    status.textContent = state === 'waiting' ? 'waiting' : state === 'private' ? 'answered privately' : 'answered';
    li.append(name, body, status, ...actions);
    return li;
}

function reply(webinar, questionId, privately) {
    const text = window.prompt(privately ? 'Private answer to the asker' : 'Answer for everyone');
    if (text && text.trim()) {
        webinar.answer(questionId, text.trim(), privately);
    }
}

function item(text, actions) {
    const li = document.createElement('li');
    const span = document.createElement('span');
    span.textContent = text; // never HTML: names and questions are the clients' text
    li.append(span, ...actions);
    return li;
}

function button(caption, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'small';
    b.textContent = caption;
    b.addEventListener('click', action);
    return b;
}

// Issue 23: the webinar parts of the meeting room. Attendees see the stage, the attendee count, a raise-hand button and
// a Q&A tab (their own questions and the answers they may see); the stage (host, panelists) sees the Q&A queue with
// public and private answers, and the host the raised hands with Promote and the panelists with Demote. The state is
// the Webinar's (webinar.js), from the router's messages; this module only draws it and turns clicks into messages.

const $ = (id) => document.getElementById(id);

/** Wires the room's webinar controls to `meeting.webinar`; `roster()` gives the stage as the People tab lists it. */
export function showWebinar(meeting, roster) {
    const webinar = meeting.webinar;
    const enabled = webinar?.enabled === true;
    $('tab-qa').hidden = !enabled;
    $('hand').hidden = true;
    if (!enabled) {
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
    $('hand').hidden = webinar.onStage;
    $('hand').setAttribute('aria-pressed', String(webinar.handRaised));
    $('hand').querySelector('.caption').textContent = webinar.handRaised ? 'Lower hand' : 'Raise hand';
    $('attendee-count').textContent = `${webinar.attendeeCount} attendee${webinar.attendeeCount === 1 ? '' : 's'}`;
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
    questions.replaceChildren();
    if (webinar.onStage) {
        for (const q of webinar.openQuestions()) {
            questions.append(item(`${q.name}: ${q.text}`, [
                button('Answer', () => reply(webinar, q.id, false)),
                button('Reply privately', () => reply(webinar, q.id, true)),
            ]));
        }
    } else {
        for (const [, text] of webinar.mine) {
            questions.append(item(`You asked: ${text}`, []));
        }
    }
    for (const a of webinar.answers) {
        questions.append(item(`${a.askerName}: ${a.question} — ${a.byName}${a.public ? '' : ' (privately)'}: ${a.text}`,
            []));
    }
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

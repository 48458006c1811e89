// The officer's phone: keeps their classes and record forms for offline use, records lessons with no connection,
// sends them when the connection comes back, and shows each kept lesson's outcome. Without JavaScript the pages
// work as plain forms.
'use strict';
(() => {
    const panel = document.getElementById('phone');
    if (!panel || !('indexedDB' in window) || !('serviceWorker' in navigator) || !window.isSecureContext) return;
    const user = panel.dataset.user;
    const text = JSON.parse(panel.dataset.text);
    const format = (template, ...values) => values.reduce((s, v, i) => s.replaceAll(`{${i}}`, v), template);
    // A message whose words follow a count: its "one" or "other" form (English and Spanish plural categories).
    const plural = (key, count, ...values) => format(text[`${key}|${count === 1 ? 'one' : 'other'}`], count, ...values);
    const lang = document.documentElement.lang || 'en';
    const when = iso => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const day = iso => new Date(iso + 'T12:00:00').toLocaleDateString(lang, { dateStyle: 'medium' });
    // The record form itself (the class page's "Record a lesson" button has the same id).
    const form = document.querySelector('form#record-lesson');
    const STALE_MS = 10 * 60 * 1000;

    navigator.serviceWorker.register('/sw.js').catch(() => null);

    // ---- Ready before leaving the station ----------------------------------------------------------------------
    async function prepare() {
        let kit;
        try {
            const response = await fetch('/Phone/Kit', { credentials: 'same-origin', cache: 'no-store' });
            if (!response.ok) return;
            kit = await response.json();
        } catch {
            return;
        }
        const previous = await GreatPhone.getKit();
        const cache = await caches.open(GreatPhone.CACHE);
        if (previous && previous.user !== kit.user) for (const request of await cache.keys()) await cache.delete(request);
        const files = [...document.querySelectorAll('link[rel=stylesheet][href], link[rel=manifest], link[rel=icon], script[src]')]
            .map(e => new URL(e.href || e.src)).map(url => url.pathname + url.search);
        const keep = new Set([...kit.pages, ...files]);
        await Promise.all([...keep].map(async address => {
            try {
                const response = await fetch(address, { credentials: 'same-origin' });
                if (response.ok && !response.redirected) await cache.put(address, response);
            } catch { /* kept at the next chance */ }
        }));
        // Pages of classes no longer the officer's, and files of older versions, go.
        for (const request of await cache.keys()) {
            const url = new URL(request.url);
            if (!keep.has(url.pathname + url.search)) await cache.delete(request);
        }
        // Kept in the page's language: switching language brings the phone's copy over to it at the next page.
        await GreatPhone.putKit({ ...kit, lang });
    }

    // ---- Sending -------------------------------------------------------------------------------------------
    let sending = null;
    function send() {
        sending ??= (async () => {
            const recorded = async () => (await GreatPhone.records(user)).filter(r => r.status === 'recorded').length;
            const before = await recorded();
            const result = await GreatPhone.sendAll();
            // What was recorded changes what is next: bring the phone's copy up to date.
            if (await recorded() > before) await prepare();
            sending = null;
            return result;
        })();
        return sending;
    }

    async function askForSync() {
        try {
            const registration = await navigator.serviceWorker.ready;
            await registration.sync?.register('great-send');
        } catch { /* no Background Sync: the next page load or 'online' event sends */ }
    }

    // ---- What the phone shows --------------------------------------------------------------------------------
    const el = (tag, attributes = {}, ...children) => {
        const node = document.createElement(tag);
        for (const [k, v] of Object.entries(attributes)) k.startsWith('on') ? node.addEventListener(k.slice(2), v) : node.setAttribute(k, v);
        node.append(...children);
        return node;
    };

    async function render() {
        const kit = await GreatPhone.getKit();
        const ready = panel.querySelector('[data-phone=ready]');
        ready.textContent = kit && kit.user === user
            ? plural('ready', kit.classes.length, when(kit.preparedAt))
            : text.notReady;
        panel.dataset.kit = kit && kit.user === user ? 'ready' : 'none';
        const mine = (await GreatPhone.records(user)).filter(r => r.status !== 'recorded' || Date.now() - new Date(r.answeredAt) < 24 * 3600 * 1000);
        const waiting = mine.filter(GreatPhone.isWaiting).length;
        const count = panel.querySelector('[data-phone=waiting]');
        count.textContent = waiting ? plural('waiting', waiting) : '';
        // Said once: while the page's own message tells of the lesson just kept, the count does not say it again.
        count.hidden = !waiting || !document.getElementById('phone-message').hidden;
        // Above the record form, a lesson sent and recorded is told for a few minutes only (then on My classes): it must
        // not stand for a day between the officer and the next lesson's form. What still needs the officer stays.
        const listed = form ? mine.filter(r => r.status !== 'recorded' || Date.now() - new Date(r.answeredAt) < 5 * 60 * 1000) : mine;
        const list = panel.querySelector('[data-phone=records]');
        // Drawn again only when a record changed: a button must not be replaced (or moved) under a finger about to tap it.
        const drawn = JSON.stringify(listed.map(r => [r.id, r.status, r.messages, r.url, r.rules]));
        if (list.dataset.drawn !== drawn) {
            list.replaceChildren(...listed.map(item));
            list.dataset.drawn = drawn;
        }
        list.hidden = listed.length === 0;
        panel.hidden = false;
        if (form) markLessons(mine);
    }

    function item(record) {
        const state = { waiting: text.stateWaiting, signin: text.stateSignin, recorded: text.stateRecorded, refused: text.stateRefused }[record.status];
        const li = el('li', { class: `list-group-item phone-record phone-${record.status}`, 'data-id': record.id, 'data-status': record.status },
            el('div', { class: 'fw-semibold' }, `${record.classTitle} · ${record.lessonTitle}`),
            el('div', { class: 'small text-muted' }, day(record.taughtOn)),
            el('div', { class: 'phone-state' }, state));
        for (const message of record.messages ?? []) li.append(el('div', { class: record.status === 'refused' ? 'text-danger small' : 'small' }, message));
        if (record.status === 'signin') li.append(el('a', { class: 'btn btn-sm btn-primary mt-1', href: `/Account/Login?ReturnUrl=${encodeURIComponent(location.pathname)}` }, text.signIn));
        if (record.status === 'refused') {
            const actions = el('div', { class: 'd-flex flex-wrap gap-2 mt-2' });
            if (record.url) actions.append(el('a', { class: 'btn btn-sm btn-outline-secondary', href: record.url }, text.openRecord));
            if (!record.rules?.includes('ClassClosed')) {
                actions.append(el('a', { class: 'btn btn-sm btn-primary', 'data-action': 'correct', href: `/Lessons/Record/${record.classId}?phoneRecord=${record.id}` }, text.correct));
            }
            actions.append(el('button', {
                type: 'button', class: 'btn btn-sm btn-outline-danger', 'data-action': 'discard',
                onclick: async () => { if (confirm(text.discardConfirm)) await GreatPhone.deleteRecord(record.id); },
            }, text.discard));
            li.append(actions);
        }
        if (record.status === 'recorded' && record.url) li.append(el('a', { class: 'small', href: record.url }, text.openClass));
        return li;
    }

    // ---- The record form, with or without a connection ----------------------------------------------------------------
    const params = new URLSearchParams(location.search);
    let editing = null;

    function markLessons(records) {
        const classId = Number(form.dataset.classId);
        const kept = new Set(records.filter(r => r.classId === classId && r.status !== 'refused' && r.id !== editing?.id).map(r => r.lessonNumber));
        for (const option of form.querySelectorAll('#LessonNumber option')) {
            const number = Number(option.value);
            option.textContent = option.dataset.label + (option.dataset.done === 'true' ? ' ✓' : kept.has(number) ? ` (${text.onPhone})` : '');
            option.dataset.kept = kept.has(number);
        }
        return kept;
    }

    function nextLesson(kept) {
        const open = [...form.querySelectorAll('#LessonNumber option')].find(o => o.dataset.done !== 'true' && !kept.has(Number(o.value)));
        return open?.value;
    }

    // A refusal shows as the server's own would: the error summary at the top of the form (made here when the page came
    // without one, as a form with no error does), and the message under the field it is about.
    function showErrors(messages, fields = []) {
        let summary = form.querySelector('#error-summary');
        if (!summary) {
            summary = el('div', { class: 'alert alert-danger error-summary', id: 'error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': 'error-summary-title' });
            form.prepend(summary);
        }
        summary.replaceChildren(el('h2', { class: 'h6', id: 'error-summary-title' }, text.problem), el('ul', { class: 'mb-0' }, ...messages.map(m => el('li', {}, m))));
        form.querySelectorAll('.phone-field-error').forEach(e => e.remove());
        form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
        messages.forEach((message, i) => {
            const field = fields[i] && form.querySelector(`#${fields[i]}`);
            if (!field) return;
            field.setAttribute('aria-invalid', 'true');
            field.after(el('div', { class: 'text-danger small mt-1 phone-field-error', 'data-for': fields[i] }, message));
        });
        summary.hidden = false;
        summary.scrollIntoView({ block: 'center' });
        summary.focus();
    }

    function announce(message, kind = 'info') {
        const line = document.getElementById('phone-message');
        line.className = `alert alert-${kind}`;
        line.textContent = message;
        line.hidden = false;
        panel.querySelector('[data-phone=waiting]').hidden = true;
        line.scrollIntoView({ block: 'start' });
    }

    function resetForm(kept) {
        form.querySelectorAll('.attendance input').forEach(box => { box.checked = true; box.dispatchEvent(new Event('change')); });
        form.querySelector('#Notes').value = '';
        form.querySelector('#TaughtOn').value = form.querySelector('#TaughtOn').max;
        const next = nextLesson(kept);
        if (next) form.querySelector('#LessonNumber').value = next;
        form.querySelector('#MinutesTaught').dataset.typed = '';
        lessonSet();
        form.querySelector('#error-summary')?.remove();
        form.querySelectorAll('.phone-field-error').forEach(e => e.remove());
    }

    // The form's dosage fields follow the lesson chosen here (its checklist, its planned minutes; or a kept record's).
    function lessonSet(record) {
        form.dispatchEvent(new CustomEvent('great-lesson-set', {
            detail: { lessonNumber: Number(form.querySelector('#LessonNumber').value), minutes: record?.minutes, activities: record?.activities },
        }));
    }

    async function setUpForm() {
        const select = form.querySelector('#LessonNumber');
        for (const option of select.options) option.dataset.label = option.textContent.replace(/ ✓$/, '');
        // Offline, the phone's copy of the form answers for any lesson: choose the one asked for.
        if (params.get('lessonNumber')) select.value = params.get('lessonNumber');
        if (params.get('phoneRecord')) {
            editing = await GreatPhone.getRecord(params.get('phoneRecord'));
            if (editing && editing.user === user) {
                select.value = String(editing.lessonNumber);
                form.querySelector('#TaughtOn').value = editing.taughtOn ?? '';
                form.querySelector('#Notes').value = editing.notes ?? '';
                const absent = new Set(editing.roster.filter(id => !editing.present.includes(id)));
                form.querySelectorAll('.attendance input').forEach(box => { box.checked = !absent.has(Number(box.value)); box.dispatchEvent(new Event('change')); });
                if (editing.minutes) lessonSet(editing);
                announce(text.correcting, 'warning');
            } else {
                editing = null;
            }
        }
        const kept = markLessons(await GreatPhone.records(user));
        if (!params.get('lessonNumber') && !editing && (kept.has(Number(select.value)) || select.selectedOptions[0]?.dataset.done === 'true')) {
            const next = nextLesson(kept);
            if (next) select.value = next;
        }
        if (!editing?.minutes) lessonSet();
        form.addEventListener('submit', submit);
    }

    async function submit(event) {
        event.preventDefault();
        const select = form.querySelector('#LessonNumber');
        const taughtOn = form.querySelector('#TaughtOn').value;
        const lessonNumber = Number(select.value);
        const errors = [];
        if (!taughtOn) errors.push([text.dateRequired, 'TaughtOn']);
        else if (taughtOn > form.querySelector('#TaughtOn').max && !navigator.onLine) errors.push([text.dateFuture, 'TaughtOn']);
        if (select.selectedOptions[0]?.dataset.kept === 'true') errors.push([format(text.alreadyKept, lessonNumber), 'LessonNumber']);
        if (errors.length) return showErrors(errors.map(e => e[0]), errors.map(e => e[1]));

        const boxes = [...form.querySelectorAll('.attendance input')];
        const minutes = Number(form.querySelector('#MinutesTaught').value);
        if (!(minutes >= 1 && minutes <= Number(form.querySelector('#MinutesTaught').max))) return showErrors([text.minutesRange], ['MinutesTaught']);
        const record = {
            id: editing?.id ?? GreatPhone.newId(), user, status: 'waiting', show: navigator.onLine, createdAt: editing?.createdAt ?? new Date().toISOString(),
            classId: Number(form.dataset.classId), classTitle: form.dataset.classTitle, lessonNumber, lessonTitle: select.selectedOptions[0].dataset.label,
            taughtOn, present: boxes.filter(b => b.checked).map(b => Number(b.value)), roster: boxes.map(b => Number(b.value)),
            notes: form.querySelector('#Notes').value.trim() || null,
            minutes, activities: [...form.querySelectorAll('.activity-list:not([disabled]) input:checked')].map(b => Number(b.value)),
        };
        // Kept on the phone before anything is sent: nothing is lost if the connection drops halfway.
        await GreatPhone.putRecord(record);
        editing = null;
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        // Sent directly (one sender at a time): a send already under way may have started before this record was kept.
        const result = navigator.onLine ? await GreatPhone.sendAll() : 'offline';
        button.disabled = false;
        const answered = await GreatPhone.getRecord(record.id);
        if (answered?.status === 'recorded') {
            location.assign(answered.url);
        } else if (answered?.status === 'refused') {
            // The officer is looking at the form: the refusal shows on it, as without a phone copy.
            await GreatPhone.deleteRecord(record.id);
            showErrors(answered.messages, answered.fields);
        } else {
            // Sent later, in the background: its outcome is shown on the phone's list, not as a page message.
            await GreatPhone.putRecord({ ...(await GreatPhone.getRecord(record.id)), show: false });
            await askForSync();
            const kept = markLessons(await GreatPhone.records(user));
            resetForm(kept);
            announce(format(result === 'signin' ? text.keptSignin : text.kept, lessonNumber), result === 'signin' ? 'warning' : 'info');
        }
    }

    // ---- Signing out clears the phone's copy ------------------------------------------------------------------------------
    for (const signOut of document.querySelectorAll('form[data-sign-out]')) {
        signOut.addEventListener('submit', async event => {
            event.preventDefault();
            // A phone whose storage does not answer within 3 seconds still signs out, once the officer has been told.
            const kept = await Promise.race([GreatPhone.records().catch(() => null), new Promise(resolve => setTimeout(() => resolve(null), 3000))]);
            if (kept === null && !confirm(text.signOutUnchecked)) return;
            const waiting = kept?.filter(GreatPhone.isWaiting).length ?? 0;
            if (waiting && !confirm(plural('signOutConfirm', waiting))) return;
            // Bounded: a phone whose storage hangs still signs out; the signed-out page clears what is left.
            await Promise.race([GreatPhone.clearAll().catch(() => null), new Promise(resolve => setTimeout(resolve, 3000))]);
            signOut.submit();
        });
    }

    // ---- The "Install" hint (Chrome on Android) ------------------------------------------------------------------------
    const install = document.getElementById('install-app');
    window.addEventListener('beforeinstallprompt', event => {
        event.preventDefault();
        install.hidden = false;
        install.onclick = async () => { install.hidden = true; await event.prompt(); };
    });

    // ---- Start -----------------------------------------------------------------------------------------------------
    window.addEventListener('great-phone-changed', render);
    if ('BroadcastChannel' in window) new BroadcastChannel('great-phone').onmessage = render;
    window.addEventListener('online', () => send());
    // The page shown offline for a page not kept: every kept record form, one tap away.
    async function offerKeptForms() {
        const box = document.getElementById('offline-forms');
        const kit = await GreatPhone.getKit();
        if (!box || !kit || kit.user !== user || kit.classes.length === 0) return;
        box.querySelector('ul').replaceChildren(...kit.classes.map(c => el('li', { class: 'list-group-item' },
            el('a', { class: 'btn btn-outline-primary w-100 text-start', href: `/Lessons/Record/${c.id}` }, `${lang.startsWith('es') ? c.componentName.es : c.componentName.en} ${c.class} · ${c.school}`))));
        box.hidden = false;
    }

    // Marked settled once the page has brought the phone's copy up to date and sent what waited: until then the list
    // may be drawn again (a test, like a careful officer, waits for it before tapping one of its buttons).
    (async () => {
        try {
            await offerKeptForms();
            if (form) await setUpForm();
            await render();
            if (!navigator.onLine) return;
            const kit = await GreatPhone.getKit();
            if (!kit || kit.user !== user || kit.lang !== lang || Date.now() - new Date(kit.preparedAt) > STALE_MS || panel.dataset.refresh === 'true') await prepare();
            await send();
        } finally {
            panel.dataset.settled = 'true';
        }
    })();
})();

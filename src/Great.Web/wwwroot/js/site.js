// Small helps on the pages that have the elements they look for; every page works the same without them.
// Kept in a file rather than inline: the Content-Security-Policy runs scripts from Great's own files only.
'use strict';
(() => {
    document.documentElement.classList.remove('no-js');
    // A table wider than the screen scrolls in its own box, never the page (WCAG 1.4.10): a table not already in one
    // is put in one. The box takes the keyboard's focus so it can be scrolled with the arrow keys (WCAG 2.1.1); a box
    // whose table fits takes no tab stop.
    document.querySelectorAll('main table').forEach(table => {
        // The report's frame is a layout table (it repeats the running head on printed pages), not data: it is not boxed.
        if (table.closest('.table-responsive') || table.classList.contains('report-frame')) return;
        const box = document.createElement('div');
        box.className = 'table-responsive';
        table.replaceWith(box);
        box.append(table);
    });
    // A box that scrolls says so above it (on a phone nothing else shows that columns are off screen).
    const scrollers = document.querySelectorAll('.table-responsive');
    const hintText = document.getElementById('main')?.dataset.scrollHint;
    const focusable = () => scrollers.forEach(box => {
        const scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls) box.tabIndex = 0; else box.removeAttribute('tabindex');
        let hint = box.previousElementSibling?.classList.contains('scroll-hint') ? box.previousElementSibling : null;
        if (scrolls && !hint && hintText) {
            hint = document.createElement('p');
            hint.className = 'scroll-hint small text-muted mb-1 d-print-none';
            hint.textContent = hintText + ' →';
            box.before(hint);
        }
        if (hint) hint.hidden = !scrolls;
    });
    focusable();
    window.addEventListener('resize', focusable);

    // A form that came back with errors: the focus goes to their summary, and each of its links to its field.
    const summary = document.getElementById('error-summary');
    if (summary) {
        summary.focus();
        summary.addEventListener('click', e => {
            const link = e.target.closest('a[href^="#"]');
            const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
            if (!field) return;
            e.preventDefault();
            field.focus();
            field.scrollIntoView({ block: 'center' });
        });
    }

    // A list that follows another (a class's instructor follows its component): only the group of options for the
    // value chosen there shows, and a choice that is no longer offered goes back to none. Without this script every
    // group shows and the server refuses a choice that does not fit.
    document.querySelectorAll('select[data-follows]').forEach(select => {
        const leader = document.querySelector(select.dataset.follows);
        if (!leader) return;
        const follow = () => {
            const value = select.value;
            for (const group of select.querySelectorAll('optgroup[data-component]')) {
                const shown = group.dataset.component === leader.value;
                group.hidden = !shown;
                group.disabled = !shown;
            }
            const same = [...select.querySelectorAll('optgroup:not([disabled]) option')].find(o => o.value === value);
            if (same) same.selected = true; else select.value = '';
        };
        leader.addEventListener('change', follow);
        follow();
    });

    // Print buttons (reports, completion certificates).
    document.querySelectorAll('[data-print]').forEach(button => button.addEventListener('click', () => window.print()));
    // A Copy button copies the field it names, and says so on itself for a moment.
    document.querySelectorAll('[data-copy]').forEach(button => button.addEventListener('click', async () => {
        const field = document.querySelector(button.dataset.copy);
        if (!field) return;
        try {
            await navigator.clipboard.writeText(field.value);
        } catch {
            field.select();
            document.execCommand('copy');
        }
        const label = button.textContent;
        button.textContent = button.dataset.copied;
        setTimeout(() => { button.textContent = label; }, 2000);
    }));

    // A lesson chooser reloads the form for the chosen lesson (and opens its record if it is already done).
    document.querySelectorAll('select[data-reload-with]').forEach(select => select.addEventListener('change', () => {
        location.search = '?' + new URLSearchParams({ [select.dataset.reloadWith]: select.value });
    }));

    // The record form keeps the count of present students up to date.
    const boxes = () => document.querySelectorAll('.attendance input');
    const present = document.getElementById('present-count');
    if (present) boxes().forEach(box => box.addEventListener('change', () => {
        present.textContent = [...boxes()].filter(b => b.checked).length + '/' + boxes().length;
    }));

    // Dosage fields: the chosen lesson's checklist, and its planned minutes while the officer has not typed any.
    document.querySelectorAll('form').forEach(form => {
        const minutes = form.querySelector('#MinutesTaught');
        const counter = form.querySelector('#activities-count');
        if (!minutes || !counter) return;
        const count = () => {
            const activities = [...form.querySelectorAll('.activity-list:not([disabled]) input')];
            counter.textContent = activities.filter(b => b.checked).length + '/' + activities.length;
        };
        minutes.addEventListener('input', () => { minutes.dataset.typed = 'true'; });
        form.addEventListener('change', e => { if (e.target.name === 'Activities') count(); });
        form.querySelector('#all-done').addEventListener('click', () => {
            form.querySelectorAll('.activity-list:not([disabled]) input').forEach(b => { b.checked = true; });
            count();
        });
        // A phone's copy of the form chooses a lesson (or resets) without a reload: it says so with this event.
        form.addEventListener('great-lesson-set', e => {
            const number = String(e.detail?.lessonNumber ?? form.querySelector('#LessonNumber')?.value);
            for (const list of form.querySelectorAll('.activity-list')) {
                const on = list.dataset.lesson === number;
                list.disabled = !on;
                list.hidden = !on;
                if (on && !e.detail?.activities) list.querySelectorAll('input').forEach(b => { b.checked = true; });
                if (on && e.detail?.activities) list.querySelectorAll('input').forEach(b => { b.checked = e.detail.activities.includes(Number(b.value)); });
                if (on) form.querySelector('#minutes-planned').textContent = form.querySelector('#minutes-planned').textContent.replace(/\d+/, list.dataset.plannedMinutes);
                if (on && e.detail?.minutes) { minutes.value = e.detail.minutes; minutes.dataset.typed = 'true'; }
                else if (on && minutes.dataset.typed !== 'true') minutes.value = list.dataset.plannedMinutes;
            }
            count();
        });
        count();
    });
})();

// The phone's copy, shared by the pages and the service worker: the officer's kit (classes, rosters, lesson titles),
// the pages kept for offline use, and the lessons kept to send. Records are sent oldest first, one sender at a time,
// each by the id the phone gave it: the server keeps a record once however often it arrives.
'use strict';
const GreatPhone = (() => {
    const DB = 'great-phone';
    const CACHE = 'great-offline-v1';
    const SEND_LOCK = 'great-phone-send';
    let connection = null;
    // Once the copy is cleared (sign-out) this page never opens it again: a render after the clearing would create it anew.
    let cleared = false;

    const done = request => new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });

    function open() {
        if (cleared) return Promise.reject(new Error('The phone\'s copy was cleared (signed out).'));
        connection ??= new Promise((resolve, reject) => {
            const request = indexedDB.open(DB, 1);
            request.onupgradeneeded = () => {
                request.result.createObjectStore('kit');
                request.result.createObjectStore('records', { keyPath: 'id' });
            };
            request.onsuccess = () => {
                // Another tab clearing the copy (sign-out) closes this connection instead of waiting on it.
                request.result.onversionchange = () => { request.result.close(); connection = null; };
                resolve(request.result);
            };
            request.onerror = () => { connection = null; reject(request.error); };
        });
        return connection;
    }

    async function store(name, mode) {
        return (await open()).transaction(name, mode).objectStore(name);
    }

    function changed() {
        self.dispatchEvent(new Event('great-phone-changed'));
        if ('BroadcastChannel' in self) {
            const channel = new BroadcastChannel('great-phone');
            channel.postMessage('changed');
            channel.close();
        }
    }

    const getKit = async () => (await done((await store('kit', 'readonly')).get('kit'))) ?? null;

    async function putKit(kit) {
        await done((await store('kit', 'readwrite')).put(kit, 'kit'));
        changed();
    }

    async function records(user) {
        const all = await done((await store('records', 'readonly')).getAll());
        return all.filter(r => user === undefined || r.user === user).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    }

    const getRecord = async id => (await done((await store('records', 'readonly')).get(id))) ?? null;

    async function putRecord(record) {
        await done((await store('records', 'readwrite')).put(record));
        changed();
    }

    async function deleteRecord(id) {
        await done((await store('records', 'readwrite')).delete(id));
        changed();
    }

    const isWaiting = r => r.status === 'waiting' || r.status === 'signin';

    /**
     * Everything Great kept on this browser goes: the kit, the kept pages, the records and the service worker
     * (sign-out). Other pages and the worker close their connection when asked (onversionchange), so the deletion is
     * not blocked by them.
     */
    async function clearAll() {
        cleared = true;
        if (connection) (await connection.catch(() => null))?.close();
        connection = null;
        await done(indexedDB.deleteDatabase(DB)).catch(() => null);
        for (const key of await caches.keys()) await caches.delete(key);
        if (typeof window !== 'undefined' && navigator.serviceWorker) {
            for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
        }
    }

    function newId() {
        if (self.crypto?.randomUUID) return crypto.randomUUID();
        const b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
        const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }

    /** One record to the server; the answer is written on the record. Returns whether to go on with the next one. */
    async function sendOne(record, token) {
        let response;
        try {
            response = await fetch('/Phone/Send', {
                method: 'POST', credentials: 'same-origin', cache: 'no-store',
                headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token, ...(record.show ? { 'X-Great-Show': '1' } : {}) },
                body: JSON.stringify({
                    id: record.id, classId: record.classId, lessonNumber: record.lessonNumber, taughtOn: record.taughtOn,
                    present: record.present, roster: record.roster, notes: record.notes, minutes: record.minutes, activities: record.activities,
                }),
            });
        } catch {
            return false; // no connection after all: the record waits
        }
        if (response.status === 401) {
            await putRecord({ ...record, status: 'signin' });
            return false;
        }
        const answer = response.headers.get('Content-Type')?.includes('json') ? await response.json().catch(() => null) : null;
        if (!answer || response.status >= 500) return false; // the server could not answer now: try again later
        await putRecord({
            ...record, status: answer.status, messages: answer.messages ?? [], url: answer.url ?? null, rules: answer.rules ?? [], fields: answer.fields ?? [],
            answeredAt: new Date().toISOString(),
        });
        return true;
    }

    /**
     * Sends the signed-in officer's waiting records, oldest first; a record saved while the officer looks at the form
     * (`show`) has its outcome also shown on the next page, whoever sends it. Returns 'sent', 'offline' or 'signin'.
     */
    async function sendAll() {
        const send = async () => {
            if (!(await records()).some(isWaiting)) return 'sent';
            let session;
            try {
                const response = await fetch('/Phone/Send', { credentials: 'same-origin', cache: 'no-store' });
                if (response.status === 401) {
                    for (const r of (await records()).filter(isWaiting)) await putRecord({ ...r, status: 'signin' });
                    return 'signin';
                }
                if (!response.ok) return 'offline';
                session = await response.json();
            } catch {
                return 'offline';
            }
            // Only the signed-in officer's records: another officer's stay on the phone until they sign in.
            for (const record of (await records(session.user)).filter(isWaiting)) {
                if (!await sendOne(record, session.token)) {
                    return (await getRecord(record.id))?.status === 'signin' ? 'signin' : 'offline';
                }
            }
            return 'sent';
        };
        return self.navigator.locks ? navigator.locks.request(SEND_LOCK, send) : send();
    }

    return { CACHE, getKit, putKit, records, getRecord, putRecord, deleteRecord, isWaiting, clearAll, newId, sendAll };
})();

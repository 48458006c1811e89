// Great's service worker: the officer's pages and the files they need answer from the phone when there is no
// connection; lessons kept on the phone are sent by Background Sync when the connection comes back.
'use strict';
importScripts('/js/phone-store.js');

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== GreatPhone.CACHE) await caches.delete(key);
    await self.clients.claim();
})()));

self.addEventListener('fetch', event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/Phone/Send') || url.pathname.startsWith('/Phone/Kit')) return;
    if (request.mode === 'navigate') event.respondWith(page(request, url));
    else if (/^\/(css|js|lib|icons)\/|\.webmanifest$/.test(url.pathname)) event.respondWith(asset(request));
});

// Pages: the network first (always the newest); with none, the kept copy (whatever its query), else the offline page.
async function page(request, url) {
    const cache = await caches.open(GreatPhone.CACHE);
    try {
        const response = await fetch(request);
        // A page the phone keeps stays up to date when it is visited (never replaced by a login page or another lesson's form).
        if (response.ok && !response.redirected && !url.search && await cache.match(url.pathname)) await cache.put(url.pathname, response.clone());
        return response;
    } catch {
        return (await cache.match(url.pathname, { ignoreSearch: true })) ?? (await cache.match('/Phone/Offline')) ?? Response.error();
    }
}

// Files with a version in their address never change: the kept copy first.
async function asset(request) {
    const cache = await caches.open(GreatPhone.CACHE);
    const kept = await cache.match(request);
    if (kept) return kept;
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
}

self.addEventListener('sync', event => {
    if (event.tag !== 'great-send') return;
    // Rejecting asks the browser to try again later.
    event.waitUntil(GreatPhone.sendAll().then(result => { if (result === 'offline') throw new Error('still offline'); }));
});

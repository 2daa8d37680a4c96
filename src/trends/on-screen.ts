/**
 * Charts are drawn when they are on screen, not all at once: each chart costs 15–20 ms to draw,
 * and drawing all of them kept the first screen blank for over 100 ms. A chart in the viewport is
 * drawn in the task that registers it (before the next frame, so 'trends-ready' after that frame is
 * honest); the others once they come within a screen's height of the viewport.
 */

/** Draws into the element, given its size as laid out (so it need not read layout again). */
type Draw = (box: DOMRectReadOnly) => void;

const undrawn = new Map<Element, Draw>();
let queued: Element[] = [];
let allDrawn: (() => void)[] = [];
let observer: IntersectionObserver | undefined;

function near(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) drawNow(e.target, e.boundingClientRect);
    },
    { rootMargin: '100% 0px' },
  );
  return observer;
}

function settled(): void {
  if (undrawn.size > 0 || queued.length > 0) return;
  const waiting = allDrawn;
  allDrawn = [];
  for (const done of waiting) done();
}

function drawNow(el: Element, box: DOMRectReadOnly): void {
  const draw = undrawn.get(el);
  if (!draw) return;
  undrawn.delete(el);
  observer?.unobserve(el);
  draw(box);
  settled();
}

/** Everything registered in one task: measured together (one layout), then drawn or observed. */
function flush(): void {
  const batch = queued.filter((el) => undrawn.has(el));
  queued = [];
  const boxes = batch.map((el) => el.getBoundingClientRect());
  batch.forEach((el, i) => {
    const box = boxes[i];
    const inView = box !== undefined && box.width > 0 && box.bottom > 0 && box.top < innerHeight;
    if (inView) drawNow(el, box);
    else near().observe(el);
  });
  settled();
}

/** Draws into `el` now if it is in the viewport, else when it comes near; returns a cancel. */
export function drawOnScreen(el: Element, draw: Draw): () => void {
  undrawn.set(el, draw);
  queued.push(el);
  if (queued.length === 1) queueMicrotask(flush);
  // Not settled(): a chart taken away is not a chart drawn, and would end the wait early.
  return () => {
    undrawn.delete(el);
    observer?.unobserve(el);
  };
}

/** Calls `done` once every chart registered so far is drawn (after scrolling to them); returns a cancel. */
export function whenAllDrawn(done: () => void): () => void {
  allDrawn.push(done);
  settled();
  return () => {
    allDrawn = allDrawn.filter((d) => d !== done);
  };
}

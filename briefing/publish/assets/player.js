(() => {
  "use strict";
  const audio = document.getElementById("audio");
  const sentences = Array.from(document.querySelectorAll(".sentence"));
  const chapters = Array.from(document.querySelectorAll(".chapter"));
  const starts = sentences.map((b) => Number(b.dataset.start));
  const chapterStarts = chapters.map((b) => Number(b.dataset.start));
  const play = document.getElementById("play");
  const speed = document.getElementById("speed");
  const follow = document.getElementById("follow");
  const announce = document.getElementById("announce");
  const nowChapter = document.getElementById("now-chapter");
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  let sentence = -1, chapter = -1, timer = null;

  // The last entry of sorted `list` that is <= t (or -1).
  const last = (list, t) => {
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= t + 0.001) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };
  // Emptied first, so announcing the same words again is still heard.
  const say = (text) => {
    announce.textContent = "";
    window.setTimeout(() => { announce.textContent = text; }, 50);
  };

  function update(announceChange) {
    const t = audio.currentTime;
    const s = last(starts, t);
    if (s !== sentence) {
      if (sentence >= 0) {
        sentences[sentence].classList.remove("current");
        sentences[sentence].removeAttribute("aria-current");
      }
      sentence = s;
      if (s >= 0) {
        const el = sentences[s];
        el.classList.add("current");
        el.setAttribute("aria-current", "true");
        if (follow.checked && !audio.paused && !el.contains(document.activeElement)) {
          el.scrollIntoView({ block: "nearest", behavior: reduced.matches ? "auto" : "smooth" });
        }
      }
    }
    const c = Math.max(0, last(chapterStarts, t));
    if (c !== chapter && chapters.length) {
      if (chapter >= 0) chapters[chapter].removeAttribute("aria-current");
      chapter = c;
      chapters[c].setAttribute("aria-current", "true");
      const name = chapters[c].querySelector(".title").textContent;
      nowChapter.textContent = name;
      if (announceChange) {
        say(`${announce.dataset.chapter} ${c + 1} ${announce.dataset.of} ${announce.dataset.total}: ${name}`);
      }
    }
  }

  function seek(t) {
    const end = Number.isFinite(audio.duration) ? audio.duration : Infinity;
    audio.currentTime = Math.min(Math.max(0, t), end);
    update(true);
  }
  // A pause that comes before playback has begun rejects play()'s promise with an AbortError:
  // that is the listener changing their mind, not a fault.
  function start() {
    audio.play().catch((error) => { if (error.name !== "AbortError") throw error; });
  }
  function toggle() { if (audio.paused) { start(); } else { audio.pause(); } }
  function step(direction) {
    const i = speed.selectedIndex + direction;
    if (i < 0 || i >= speed.options.length) return;
    speed.selectedIndex = i;
    setSpeed();
    say(`${announce.dataset.speed} ${speed.value}\u00d7`);
  }
  function setSpeed() { audio.playbackRate = Number(speed.value); audio.preservesPitch = true; }
  function goChapter(direction) {
    const t = audio.currentTime;
    let c = last(chapterStarts, t);
    // "Previous" from well inside a chapter goes back to its start, as players do.
    if (direction < 0 && c >= 0 && t - chapterStarts[c] > 3) { seek(chapterStarts[c]); return; }
    c = Math.min(Math.max(0, c + direction), chapters.length - 1);
    seek(chapterStarts[c]);
  }
  function playing() {
    play.textContent = audio.paused ? play.dataset.play : play.dataset.pause;
    window.clearInterval(timer);
    if (!audio.paused) timer = window.setInterval(() => update(true), 100);
  }

  chapters.forEach((b) => b.addEventListener("click", () => seek(Number(b.dataset.start))));
  sentences.forEach((b) => b.addEventListener("click", () => {
    seek(Number(b.dataset.start));
    if (audio.paused) start();
  }));
  play.addEventListener("click", toggle);
  document.getElementById("back").addEventListener("click", () => seek(audio.currentTime - 10));
  document.getElementById("forward").addEventListener("click", () => seek(audio.currentTime + 10));
  document.getElementById("prev").addEventListener("click", () => goChapter(-1));
  document.getElementById("next").addEventListener("click", () => goChapter(1));
  speed.addEventListener("change", setSpeed);
  ["play", "pause", "ended"].forEach((e) => audio.addEventListener(e, playing));
  ["timeupdate", "seeked"].forEach((e) => audio.addEventListener(e, () => update(true)));

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLSelectElement || target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement || target === audio;
    const onButton = target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement;
    const key = event.key;
    let done = true;
    if (key === "k" || key === "K" || (key === " " && !onButton && !typing)) toggle();
    else if (typing) done = false;
    else if (key === "n" || key === "N") goChapter(1);
    else if (key === "p" || key === "P") goChapter(-1);
    else if (key === "ArrowRight" || key === "l" || key === "L") seek(audio.currentTime + 10);
    else if (key === "ArrowLeft" || key === "j" || key === "J") seek(audio.currentTime - 10);
    else if (key === "+" || key === "=" || key === "]") step(1);
    else if (key === "-" || key === "_" || key === "[") step(-1);
    else done = false;
    if (done) event.preventDefault();
  });
  setSpeed();
  update(false);
})();

// onrecord pages: a little behaviour on top of server-rendered HTML; works without it too.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A quote's page: bring the marked quote into view inside its article.
  const first = document.querySelector(".quote-page .article mark.content");
  if (first) first.scrollIntoView({ block: "center" });

  // Analyse page: pointing at an attribution in the list outlines its marks in the text.
  const list = document.querySelector("ol.attributions");
  if (!list) return;
  const marks = (a) => document.querySelectorAll(`.article mark[data-a="${a}"]`);
  const select = (item, scroll) => {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    if (!item) return;
    item.classList.add("active");
    const found = marks(item.dataset.a);
    found.forEach((m) => m.classList.add("active"));
    if (scroll && found.length) found[0].scrollIntoView({ block: "center", behavior: "smooth" });
  };
  list.addEventListener("click", (e) => select(e.target.closest("li[data-a]"), true));
  list.addEventListener("keydown", (e) => {
    if (e.key === "Enter") select(e.target.closest("li[data-a]"), true);
  });
  document.querySelector(".article").addEventListener("click", (e) => {
    const mark = e.target.closest("mark[data-a]");
    if (!mark) return;
    const item = list.querySelector(`li[data-a="${mark.dataset.a}"]`);
    select(item, false);
    if (item) item.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });
});

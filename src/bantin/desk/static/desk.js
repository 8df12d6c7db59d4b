// The desk's few behaviours, without any library: sortable tables and the progress of
// "render all". Every page works without them, sorting aside.
"use strict";

function sortTable(table, column, kind, header) {
  const body = table.tBodies[0];
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  const value = (row) => {
    const cell = row.cells[column];
    const key = cell.dataset.sap !== undefined ? cell.dataset.sap : cell.textContent.trim();
    return kind === "so" ? parseFloat(key) : key;
  };
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = value(a), y = value(b);
    const order = kind === "so" ? x - y : String(x).localeCompare(String(y), "vi");
    return ascending ? order : -order;
  });
  for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  for (const row of rows) body.appendChild(row);
}

function setUpSorting() {
  for (const table of document.querySelectorAll("table.sap-xep")) {
    Array.from(table.tHead.rows[0].cells).forEach((th, column) => {
      const button = th.querySelector("button");
      if (button) button.addEventListener("click", () => sortTable(table, column, button.dataset.kieu, th));
    });
  }
}

function followBatch() {
  const box = document.getElementById("lo");
  if (!box) return;
  const bar = document.getElementById("thanh-tien-do");
  const text = document.getElementById("so-bai");
  const tick = () => {
    fetch(box.dataset.tienDo, { cache: "no-store" })
      .then((r) => r.json())
      .then((p) => {
        bar.max = p.total || 1;
        bar.value = p.done;
        if (p.state === "running") {
          text.textContent = "Đang soạn: " + p.done + "/" + p.total + " bài";
          setTimeout(tick, 300);
          return;
        }
        text.textContent = p.message;
        const skipped = document.getElementById("bo-qua");
        skipped.replaceChildren(...p.skipped.map((s) => {
          const li = document.createElement("li");
          li.textContent = "Bỏ qua " + s;
          return li;
        }));
        if (p.state === "finished") document.getElementById("tai-zip").hidden = false;
      });
  };
  tick();
}

document.addEventListener("DOMContentLoaded", () => {
  setUpSorting();
  followBatch();
});

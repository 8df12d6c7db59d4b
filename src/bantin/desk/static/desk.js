// The desk's few behaviours, without any library: sortable tables, the progress of
// "render all", file boxes and form messages in Vietnamese. Every page works without
// them, sorting aside.
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

// A file box's button and "No file chosen" are the browser's own, in the language of
// Windows: the box is kept (its label, its keyboard focus) but drawn as a Vietnamese
// button and the name of the file chosen.
function setUpFileBoxes() {
  for (const input of document.querySelectorAll('input[type="file"]')) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "chon-tep";
    button.textContent = "Chọn tệp…";
    button.tabIndex = -1; // the box itself takes the focus, and opens with Space or Enter
    button.setAttribute("aria-hidden", "true");
    const name = document.createElement("span");
    name.className = "ten-tep";
    const show = () => {
      name.textContent = input.files.length
        ? Array.from(input.files, (f) => f.name).join(", ")
        : "Chưa chọn tệp";
    };
    button.addEventListener("click", () => input.click());
    input.addEventListener("change", show);
    input.addEventListener("change", () => checkSize(input));
    input.classList.add("an-tep");
    input.after(button, name);
    show();
  }
}

// The server refuses a form whose files pass its limit with a page of its own, and the
// text typed in the form would be left behind: the files are weighed here first.
function checkSize(input) {
  const limit = Number(document.body.dataset.toiDa || 0);
  if (!limit || !input.form) return;
  let total = 0;
  for (const box of input.form.querySelectorAll('input[type="file"]')) {
    for (const file of box.files) total += file.size;
  }
  const mb = (n) => Math.ceil(n / (1024 * 1024));
  if (total > limit) {
    input.dataset.loiRieng =
      "Các tệp đã chọn lớn " + mb(total) + " MB, quá " + mb(limit) +
      " MB bantin nhận một lần: chọn tệp nhỏ hơn (ảnh: thu nhỏ rồi lưu lại).";
    input.setCustomValidity(input.dataset.loiRieng);
    input.reportValidity();
  } else {
    for (const box of input.form.querySelectorAll('input[type="file"]')) {
      if (box.dataset.loiRieng) {
        delete box.dataset.loiRieng;
        box.setCustomValidity("");
      }
    }
  }
}

// The browser's "Please fill in this field" is in the language of Windows too.
function validityMessage(field) {
  const v = field.validity;
  if (v.valueMissing) {
    if (field.type === "file") return "Chọn tệp.";
    if (field.tagName === "SELECT") return "Chọn một mục trong danh sách.";
    return "Điền vào ô này.";
  }
  if (v.rangeUnderflow || v.rangeOverflow || v.badInput || v.stepMismatch) {
    return "Ghi một số nguyên từ " + (field.min || "1") + " đến " + (field.max || "99") + ".";
  }
  return "Giá trị chưa đúng.";
}

function setUpValidityMessages() {
  for (const field of document.querySelectorAll("form input, form select, form textarea")) {
    field.addEventListener("invalid", () => {
      if (field.dataset.loiRieng) return; // the desk's own message stays (checkSize)
      field.setCustomValidity("");
      if (!field.validity.valid) field.setCustomValidity(validityMessage(field));
    });
    const clear = () => {
      if (!field.dataset.loiRieng) field.setCustomValidity("");
    };
    field.addEventListener("input", clear);
    field.addEventListener("change", clear);
  }
}

// A page stays open while bantin serve is closed and started again (a new session): its
// form's token is then the old session's, and sending it would lose what was typed. The
// form takes the session's token just before it goes; without an answer it goes as it is.
function setUpFreshTokens() {
  for (const form of document.querySelectorAll("form[method=post]")) {
    const field = form.querySelector('input[name="csrf_token"]');
    if (!field) continue;
    form.addEventListener("submit", (event) => {
      if (form.dataset.tokenFresh === "1") {
        delete form.dataset.tokenFresh;
        return;
      }
      event.preventDefault();
      const submitter = event.submitter;
      const send = () => {
        form.dataset.tokenFresh = "1";
        form.requestSubmit(submitter);
      };
      fetch("/phien", { cache: "no-store", credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : null))
        .then((p) => {
          if (p && p.csrf_token) field.value = p.csrf_token;
          send();
        })
        .catch(send);
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpFreshTokens();
  setUpSorting();
  followBatch();
  setUpFileBoxes();
  setUpValidityMessages();
});

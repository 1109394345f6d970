// Small enhancements the portal serves itself; every form works the same without them.
"use strict";

// Show the photo chosen in a file input before the form is sent.
for (const input of document.querySelectorAll("input[type=file][data-preview]")) {
  input.addEventListener("change", () => {
    const image = document.getElementById(input.dataset.preview);
    const file = input.files && input.files[0];
    if (image && file && file.type.startsWith("image/")) {
      image.src = URL.createObjectURL(file);
      image.hidden = false;
    }
  });
}

// Work in progress (a serial batch being issued): fetch the page again and replace only the part
// marked data-refresh, so focus and the reader's place stay put; once the work is done, load the
// whole page, which now offers its downloads. Without script, a <noscript> refresh does the same.
for (const part of document.querySelectorAll("[data-refresh]")) {
  const seconds = Number(part.dataset.refresh) || 2;
  const poll = async () => {
    try {
      const answer = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!answer.ok) {
        return setTimeout(poll, seconds * 4000);
      }
      const fresh = new DOMParser().parseFromString(await answer.text(), "text/html").querySelector("[data-refresh]");
      if (!fresh) {
        location.reload();
        return;
      }
      part.innerHTML = fresh.innerHTML;
    } catch {
      // The network dropped for a moment: try again later.
    }
    setTimeout(poll, seconds * 1000);
  };
  setTimeout(poll, seconds * 1000);
}

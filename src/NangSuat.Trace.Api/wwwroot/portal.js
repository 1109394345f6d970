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

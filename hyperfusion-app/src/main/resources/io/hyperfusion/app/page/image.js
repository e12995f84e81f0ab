// The draft's image: picked or dropped, checked here for type and size (the server decodes the bytes and checks
// them again), previewed from a blob: URL and sent as base64.

import * as f from './format.js';

const $ = (id) => document.getElementById(id);

/** The image part of the form. */
export class ImagePicker {
  constructor(context, onChange, setError) {
    this.context = context;
    this.onChange = onChange;
    this.setError = setError;
    this.image = null; // {name, type, size, base64}
    this.error = ''; // the page's own verdict on the last file chosen
    const types = this.context.image.types;
    const input = $('image-input');
    input.accept = types.join(',');
    $('image-help').textContent = (this.context.uses_image ? '' : 'This model does not look at images. ')
      + `JPEG, PNG, GIF or BMP, up to ${f.bytes(this.context.image.max_bytes)}.`;
    input.addEventListener('change', () => { if (input.files[0]) this.set(input.files[0]); });
    const zone = $('dropzone');
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('drag'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('drag'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('drag');
      if (e.dataTransfer.files[0]) this.set(e.dataTransfer.files[0]);
    });
    $('image-remove').addEventListener('click', () => this.clear(true));
  }

  /** Checks type and size here (the server checks the bytes again), then reads and previews the file. */
  set(file) {
    const err = $('err-image_base64');
    this.error = '';
    this.setError(err, '');
    if (!this.context.image.types.includes(file.type)) {
      this.clear(false);
      this.error = `“${file.name}” is ${file.type ? 'a ' + file.type + ' file' : 'not an image'}: use JPEG, PNG, GIF or BMP.`;
      this.setError(err, this.error);
      this.onChange();
      return;
    }
    if (file.size > this.context.image.max_bytes) {
      this.clear(false);
      this.error = `“${file.name}” is ${f.bytes(file.size)}: the limit is ${f.bytes(this.context.image.max_bytes)}.`;
      this.setError(err, this.error);
      this.onChange();
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      this.image = { name: file.name, type: file.type, size: file.size, base64: url.slice(url.indexOf(',') + 1) };
      const img = $('preview-img');
      if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
      this.previewUrl = URL.createObjectURL(file);
      img.onload = () => {
        $('preview-caption').textContent = `${file.name} · ${f.bytes(file.size)} · ${img.naturalWidth}×${img.naturalHeight}`;
      };
      img.onerror = () => { $('preview-caption').textContent = `${file.name} · ${f.bytes(file.size)} · no preview`; };
      img.src = this.previewUrl;
      $('preview-caption').textContent = `${file.name} · ${f.bytes(file.size)}`;
      $('preview').hidden = false;
      $('dropzone').classList.add('has-image');
      this.onChange();
    };
    reader.onerror = () => this.setError(err, `“${file.name}” cannot be read: ${reader.error}`);
    reader.readAsDataURL(file);
  }

  clear(notify) {
    this.image = null;
    $('image-input').value = '';
    $('preview').hidden = true;
    $('preview-img').removeAttribute('src');
    $('dropzone').classList.remove('has-image');
    if (notify) {
      this.error = '';
      this.setError($('err-image_base64'), '');
      this.onChange();
    }
  }
}

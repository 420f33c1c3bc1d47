function countPromptImages(request) {
  let images = 0;
  for (const message of request.messages ?? []) {
    if (!Array.isArray(message.content)) continue;
    for (const part of message.content) if (part.type === "image_url") images += 1;
  }
  return images;
}
export {
  countPromptImages
};
//# sourceMappingURL=count-prompt-images.js.map

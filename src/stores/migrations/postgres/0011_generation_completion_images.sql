-- OpenRouter's generation record reports native_tokens_completion_images: the completion tokens that
-- were generated images (issue 15). Part of completion_tokens, billed at the image_output price.
-- Rows written before this migration had no way to know it: 0.
ALTER TABLE generations ADD COLUMN completion_image_tokens INTEGER NOT NULL DEFAULT 0;

-- Swedish entries are now indexed with the parts of their compound words (decision 017). The
-- index is emptied so that the next start builds it again, with the parts, for every text
-- (server/main.ts rebuilds an empty index); searches find whole words meanwhile.
DELETE FROM "SearchEntry";

-- Confero schema, version 7 (issue 23, webinars): a webinar's own attendee capacity, below the server's
-- confero.webinar.max.attendees; NULL takes the server's.

ALTER TABLE meetings ADD COLUMN max_attendees INTEGER;

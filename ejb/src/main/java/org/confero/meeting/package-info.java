/**
 * Meetings and webinars: scheduling, settings, passcodes and their life cycle (scheduled → started → ended). The
 * aggregate is {@link org.confero.meeting.Meeting}; {@link org.confero.meeting.Meetings} is its facade.
 */
package org.confero.meeting;

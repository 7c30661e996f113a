/**
 * The control channel's meeting state on the multimedia router: who is in the meeting (and who waits to be admitted),
 * mute states, chat, host controls, and sessions that may resume after a dropped connection.
 * {@link org.confero.control.ControlRoom} is plain Java; {@link org.confero.control.ControlRooms} holds the rooms of
 * this router.
 */
package org.confero.control;

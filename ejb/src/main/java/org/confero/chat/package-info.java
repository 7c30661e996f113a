/** Chat: the messages of meetings (and, later, of persistent rooms), stored so that nobody misses one. */
package org.confero.chat;
